using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Telemetry.Storage;

/// <summary>The in-memory test of a <see cref="TraceQuery"/> against a whole trace.</summary>
internal static class TraceQueryMatch
{
    public static bool Test(TraceQuery query, StoredTrace trace)
    {
        if (trace.Spans.Count == 0 || (query.Policy is { } policy && !string.Equals(policy, trace.Policy, StringComparison.Ordinal)))
        {
            return false;
        }

        Span root = trace.Root;
        long timestampMicros = root.StartTimeUnixNanos / 1000;
        if (timestampMicros < query.StartTs.ToUnixTimeMilliseconds() * 1000 || timestampMicros > query.EndTs.ToUnixTimeMilliseconds() * 1000)
        {
            return false;
        }

        bool serviceSeen = query.ServiceName is null;
        bool remoteSeen = query.RemoteServiceName is null;
        bool nameSeen = query.SpanName is null;
        bool durationSeen = query.MinDuration is null;
        var remaining = new Dictionary<string, string>(query.AnnotationQuery, StringComparer.Ordinal);
        foreach (Span span in trace.Spans)
        {
            if (query.ServiceName is not null && !Same(query.ServiceName, span.ServiceName))
            {
                continue;
            }

            serviceSeen = true;
            remoteSeen |= Same(query.RemoteServiceName, span.RemoteEndpoint?.ServiceName);
            nameSeen |= Same(query.SpanName, span.Name);
            durationSeen |= InRange(query, span.Duration);
            if (remaining.Count > 0)
            {
                Strike(remaining, span, ReferenceEquals(span, root) ? trace.Policy : null);
            }
        }

        return serviceSeen && remoteSeen && nameSeen && durationSeen && remaining.Count == 0;
    }

    private static void Strike(Dictionary<string, string> remaining, Span span, string? policy)
    {
        foreach (SpanEvent annotation in span.Events)
        {
            if (remaining.TryGetValue(annotation.Name, out string? wanted) && wanted.Length == 0)
            {
                remaining.Remove(annotation.Name);
            }
        }

        foreach (SpanAttribute tag in span.Attributes)
        {
            StrikeTag(remaining, tag.Key, tag.Value.ToString());
        }

        if (span.Status == SpanStatusCode.Error)
        {
            StrikeTag(remaining, "error", string.IsNullOrEmpty(span.StatusMessage) ? "true" : span.StatusMessage);
        }

        if (policy is not null)
        {
            StrikeTag(remaining, StoredTrace.PolicyTag, policy);
        }
    }

    private static void StrikeTag(Dictionary<string, string> remaining, string key, string value)
    {
        if (remaining.TryGetValue(key, out string? wanted) && (wanted.Length == 0 || wanted == value))
        {
            remaining.Remove(key);
        }
    }

    private static bool InRange(TraceQuery query, TimeSpan duration) =>
        query.MinDuration is { } min && duration >= min && (query.MaxDuration is not { } max || duration <= max);

    private static bool Same(string? wanted, string? actual) =>
        wanted is not null && actual is not null && string.Equals(wanted, actual, StringComparison.OrdinalIgnoreCase);
}
