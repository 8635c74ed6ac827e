namespace StreamJobs.Telemetry.Spans;

/// <summary>
/// The rules behind <see cref="Trace"/>'s flags, in one place so docs/spans.md can state them exactly.
/// Tag names are matched exactly (case-sensitive); tag values and event names ignore case.
/// </summary>
internal static class TraceClassifier
{
    [ThreadStatic]
    private static TraceFactsBuilder? t_builder;

    public static TraceFacts Classify(IReadOnlyList<Span> spans)
    {
        var builder = t_builder ??= new TraceFactsBuilder();
        try
        {
            for (int i = 0; i < spans.Count; i++) builder.Add(spans[i]);
            return builder.Build();
        }
        finally
        {
            builder.Clear();
        }
    }

    /// <summary>OTLP status ERROR; tag <c>error</c> (any value but "false"); <c>otel.status_code</c>=ERROR; HTTP status ≥ 500.</summary>
    internal static bool IsError(Span span) => (Flags(span) & SpanFlags.Error) != 0;

    /// <summary>Tag <c>warning</c> (any value but "false"); <c>level</c>, <c>log.level</c> or <c>severity</c> = warn/warning; an event named warn*.</summary>
    internal static bool IsWarning(Span span) => (Flags(span) & SpanFlags.Warning) != 0;

    /// <summary>Tag <c>retry</c> (any value but "false"/"0"); <c>retry.count</c>, <c>http.retry_count</c>, <c>http.request.resend_count</c> &gt; 0; an event containing "retry".</summary>
    internal static bool IsRetry(Span span) => (Flags(span) & SpanFlags.Retry) != 0;

    /// <summary>What <see cref="Evaluate"/> found on <paramref name="span"/>; evaluated once per span.</summary>
    internal static SpanFlags Flags(Span span) => span.RuleFlags;

    /// <summary>
    /// All three rules in one pass over the span's tags and events. It runs for every span of every trace, so it walks
    /// the lists by index (a <c>foreach</c> over the interface allocates an enumerator) and compares text in place.
    /// </summary>
    internal static SpanFlags Evaluate(Span span)
    {
        var flags = span.Status == SpanStatusCode.Error ? SpanFlags.Error : SpanFlags.None;
        IReadOnlyList<SpanAttribute> attributes = span.Attributes;
        for (int i = 0; i < attributes.Count; i++)
        {
            SpanAttribute a = attributes[i];
            switch (a.Key)
            {
                case "error" when !IsText(a.Value, "false"):
                case "otel.status_code" when IsText(a.Value, "ERROR"):
                case "http.status_code" or "http.response.status_code" when a.Value.TryGetInt64(out long code) && code >= 500:
                    flags |= SpanFlags.Error;
                    break;
                case "warning" when !IsText(a.Value, "false"):
                case "level" or "log.level" or "severity" when IsText(a.Value, "warn") || IsText(a.Value, "warning"):
                    flags |= SpanFlags.Warning;
                    break;
                case "retry" when !IsText(a.Value, "false") && !IsText(a.Value, "0"):
                case "retry.count" or "http.retry_count" or "http.request.resend_count" when a.Value.TryGetInt64(out long n) && n > 0:
                    flags |= SpanFlags.Retry;
                    break;
            }
        }

        IReadOnlyList<SpanEvent> events = span.Events;
        for (int i = 0; i < events.Count; i++)
        {
            string name = events[i].Name;
            if (name.StartsWith("warn", StringComparison.OrdinalIgnoreCase)) flags |= SpanFlags.Warning;
            if (name.Contains("retry", StringComparison.OrdinalIgnoreCase)) flags |= SpanFlags.Retry;
        }

        return flags;
    }

    private static bool IsText(AttributeValue value, string text) => value.Kind switch
    {
        AttributeKind.String or AttributeKind.Bytes => string.Equals(value.AsString, text, StringComparison.OrdinalIgnoreCase),
        AttributeKind.Bool => value.TryGetBool(out bool b) && string.Equals(b ? "true" : "false", text, StringComparison.OrdinalIgnoreCase),
        _ => string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>What <see cref="Evaluate"/> found on one span. Below 0x80: <see cref="Span"/> keeps them in a byte whose top bit says "taken".</summary>
    [Flags]
    internal enum SpanFlags
    {
        None = 0,
        Error = 1,
        Warning = 2,
        Retry = 4,
    }
}
