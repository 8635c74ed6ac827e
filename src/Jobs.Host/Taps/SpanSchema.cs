using StreamJobs.Mql;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Host.Taps;

/// <summary>
/// How MQL reads <see cref="Span"/> records on the <c>spans</c> stream. Names follow Zipkin v2 JSON (ids as hex,
/// times in microseconds) so queries read like the archived NDJSON.
/// </summary>
internal static class SpanSchema
{
    public static MqlSchema<Span> Instance { get; } = MqlSchema<Span>.Build(b => b
        .Property("traceId", s => s.TraceId.ToString())
        .Property("id", s => s.Id.ToString())
        .Property("parentId", s => s.ParentId?.ToString())
        .Property("name", s => s.Name)
        .Enum("kind", s => s.Kind)
        .Property("service", s => s.ServiceName)
        .Property("remoteService", s => s.RemoteEndpoint?.ServiceName)
        .Property("timestampMicros", s => s.StartTimeUnixNanos / 1000)
        .Property("durationMicros", s => s.DurationNanos / 1000)
        .Map("tags", s => s.Attributes.Count == 0 ? null : new SpanTags(s.Attributes))
        .Enum("status", s => s.Status)
        .Property("statusMessage", s => s.StatusMessage)
        .Property("debug", s => s.Debug)
        .Property("shared", s => s.Shared)
        .Value("sampled", s => s.Sampled is { } sampled ? MqlValue.FromBoolean(sampled) : MqlValue.Null)
        .List("annotations", s => s.Events.Count == 0 ? null : s.Events.Select(e => e.Name).ToArray()));
}
