using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Telemetry.Propagation;

/// <summary>Reads the <c>X-B3-*</c> multi-header form.</summary>
internal static class B3MultiHeaderReader
{
    public static bool TryParse(Func<string, string?> header, out B3Context context, out string? error)
    {
        context = default;
        error = null;
        string? traceHex = header(B3Context.TraceIdHeader);
        string? spanHex = header(B3Context.SpanIdHeader);
        string? parentHex = header(B3Context.ParentSpanIdHeader);
        string? sampledText = header(B3Context.SampledHeader);
        string? flagsText = header(B3Context.FlagsHeader);
        if (traceHex is null && spanHex is null && sampledText is null && flagsText is null)
        {
            return false;
        }

        TraceId traceId = default;
        SpanId spanId = default;
        if (traceHex is not null || spanHex is not null)
        {
            if (traceHex is null || !TraceId.TryParse(traceHex.AsSpan().Trim(), out traceId) || traceId.IsEmpty)
            {
                error = $"{B3Context.TraceIdHeader} must be 16 or 32 hex characters";
                return false;
            }

            if (spanHex is null || !SpanId.TryParse(spanHex.AsSpan().Trim(), out spanId) || spanId.IsEmpty)
            {
                error = $"{B3Context.SpanIdHeader} must be 16 hex characters";
                return false;
            }
        }

        SpanId? parent = null;
        if (parentHex is not null)
        {
            if (!SpanId.TryParse(parentHex.AsSpan().Trim(), out SpanId p) || p.IsEmpty)
            {
                error = $"{B3Context.ParentSpanIdHeader} must be 16 hex characters";
                return false;
            }

            parent = p;
        }

        bool? sampled = null;
        if (sampledText is not null)
        {
            // "true"/"false" are legacy values some tracers still send.
            switch (sampledText.Trim().ToLowerInvariant())
            {
                case "1" or "true":
                    sampled = true;
                    break;
                case "0" or "false":
                    sampled = false;
                    break;
                default:
                    error = $"{B3Context.SampledHeader} must be 1 or 0, got '{sampledText}'";
                    return false;
            }
        }

        bool debug = false;
        if (flagsText is not null)
        {
            switch (flagsText.Trim())
            {
                case "1":
                    debug = true;
                    sampled = true;
                    break;
                case "0":
                    break;
                default:
                    error = $"{B3Context.FlagsHeader} must be 1 or 0, got '{flagsText}'";
                    return false;
            }
        }

        context = new B3Context(traceId, spanId, parent, sampled, debug);
        return true;
    }
}
