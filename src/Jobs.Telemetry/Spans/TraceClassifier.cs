namespace StreamJobs.Telemetry.Spans;

/// <summary>
/// The rules behind <see cref="Trace"/>'s flags, in one place so docs/spans.md can state them exactly.
/// Tag names are matched exactly (case-sensitive); tag values and event names ignore case.
/// </summary>
internal static class TraceClassifier
{
    public static TraceFacts Classify(IReadOnlyList<Span> spans)
    {
        Span? root = null;
        Span earliest = spans[0];
        var services = new List<string>(4);
        long start = long.MaxValue, end = long.MinValue;
        bool error = false, warning = false, retry = false, debug = false, sampled = false, unsampled = false;
        for (int i = 0; i < spans.Count; i++)
        {
            Span s = spans[i];
            if (s.ParentId is null && (root is null || s.StartTimeUnixNanos < root.StartTimeUnixNanos))
            {
                root = s;
            }

            if (s.StartTimeUnixNanos < earliest.StartTimeUnixNanos)
            {
                earliest = s;
            }

            if (s.ServiceName is { } service && !services.Contains(service))
            {
                services.Add(service);
            }

            start = Math.Min(start, s.StartTimeUnixNanos);
            end = Math.Max(end, s.StartTimeUnixNanos + s.DurationNanos);
            error |= IsError(s);
            warning |= IsWarning(s);
            retry |= IsRetry(s);
            debug |= s.Debug;
            sampled |= s.Sampled == true;
            unsampled |= s.Sampled == false;
        }

        bool? isSampled = sampled || debug ? true : unsampled ? false : null;
        return new TraceFacts(root ?? earliest, services, start, end, error, warning, retry, debug, isSampled);
    }

    /// <summary>OTLP status ERROR; tag <c>error</c> (any value but "false"); <c>otel.status_code</c>=ERROR; HTTP status ≥ 500.</summary>
    internal static bool IsError(Span span)
    {
        if (span.Status == SpanStatusCode.Error)
        {
            return true;
        }

        foreach (SpanAttribute a in span.Attributes)
        {
            switch (a.Key)
            {
                case "error" when !IsText(a.Value, "false"):
                case "otel.status_code" when IsText(a.Value, "ERROR"):
                case "http.status_code" or "http.response.status_code" when a.Value.TryGetInt64(out long code) && code >= 500:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Tag <c>warning</c> (any value but "false"); <c>level</c>, <c>log.level</c> or <c>severity</c> = warn/warning; an event named warn*.</summary>
    internal static bool IsWarning(Span span)
    {
        foreach (SpanAttribute a in span.Attributes)
        {
            switch (a.Key)
            {
                case "warning" when !IsText(a.Value, "false"):
                case "level" or "log.level" or "severity" when IsText(a.Value, "warn") || IsText(a.Value, "warning"):
                    return true;
            }
        }

        foreach (SpanEvent e in span.Events)
        {
            if (e.Name.StartsWith("warn", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Tag <c>retry</c> (any value but "false"/"0"); <c>retry.count</c>, <c>http.retry_count</c>, <c>http.request.resend_count</c> &gt; 0; an event containing "retry".</summary>
    internal static bool IsRetry(Span span)
    {
        foreach (SpanAttribute a in span.Attributes)
        {
            switch (a.Key)
            {
                case "retry" when !IsText(a.Value, "false") && !IsText(a.Value, "0"):
                case "retry.count" or "http.retry_count" or "http.request.resend_count" when a.Value.TryGetInt64(out long n) && n > 0:
                    return true;
            }
        }

        foreach (SpanEvent e in span.Events)
        {
            if (e.Name.Contains("retry", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsText(AttributeValue value, string text) =>
        string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase);
}
