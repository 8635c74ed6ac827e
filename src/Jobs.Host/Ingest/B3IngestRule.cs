using StreamJobs.Telemetry.Propagation;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Host.Ingest;

/// <summary>
/// What B3 headers on an ingest request mean here. A context with ids names the trace the posted spans belong to:
/// its sampling decision and debug flag are given to those spans of that trace that carry none of their own (so a
/// debug request is always kept). A sampling-only header (<c>b3: 0</c>, which Zipkin reporters send so the upload is
/// not traced itself) describes the upload, not the spans, and changes nothing. Unreadable B3 is counted and ignored:
/// the body is still taken.
/// </summary>
internal static class B3IngestRule
{
    public static void Apply(IHeaderDictionary headers, List<Span> spans, IngestMetrics metrics)
    {
        if (!B3Context.TryParse(name => headers.TryGetValue(name, out var value) ? value.ToString() : null, out var context, out var error))
        {
            if (error is not null) metrics.InvalidB3();
            return;
        }
        if (!context.HasIds || (context.Sampled is null && !context.Debug)) return;
        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            if (span.TraceId != context.TraceId) continue;
            var sampled = span.Sampled ?? context.Sampled;
            var debug = span.Debug || (context.Debug && span.Sampled is null);
            if (sampled != span.Sampled || debug != span.Debug) spans[i] = WithDecision(span, sampled, debug);
        }
    }

    private static Span WithDecision(Span span, bool? sampled, bool debug) => new Span
    {
        TraceId = span.TraceId,
        Id = span.Id,
        ParentId = span.ParentId,
        Name = span.Name,
        Kind = span.Kind,
        ServiceName = span.ServiceName,
        StartTimeUnixNanos = span.StartTimeUnixNanos,
        DurationNanos = span.DurationNanos,
        LocalEndpoint = span.LocalEndpoint,
        RemoteEndpoint = span.RemoteEndpoint,
        Attributes = span.Attributes,
        Events = span.Events,
        Debug = debug,
        Shared = span.Shared,
        Sampled = sampled,
        Status = span.Status,
        StatusMessage = span.StatusMessage,
    }.Prepared(); // as the reader did for the original, while its tags are still in cache
}
