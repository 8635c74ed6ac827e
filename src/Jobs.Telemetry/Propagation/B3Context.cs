using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Telemetry.Propagation;

/// <summary>
/// A B3 propagation context, read from the single <c>b3</c> header or the multi-header
/// <c>X-B3-*</c> form. A sampling-only context (<c>b3: 0</c>, <c>b3: 1</c>, <c>b3: d</c>) has empty ids.
/// </summary>
/// <param name="TraceId">The trace id, or empty for a sampling-only context.</param>
/// <param name="SpanId">The span id, or empty for a sampling-only context.</param>
/// <param name="ParentSpanId">The parent span id, if sent.</param>
/// <param name="Sampled">The upstream sampling decision, or null when deferred.</param>
/// <param name="Debug">The debug flag (<c>d</c> or <c>X-B3-Flags: 1</c>); debug implies sampled.</param>
public readonly record struct B3Context(TraceId TraceId, SpanId SpanId, SpanId? ParentSpanId, bool? Sampled, bool Debug)
{
    /// <summary>The single-header name.</summary>
    public const string SingleHeader = "b3";

    /// <summary>Multi-header trace id.</summary>
    public const string TraceIdHeader = "X-B3-TraceId";

    /// <summary>Multi-header span id.</summary>
    public const string SpanIdHeader = "X-B3-SpanId";

    /// <summary>Multi-header parent span id.</summary>
    public const string ParentSpanIdHeader = "X-B3-ParentSpanId";

    /// <summary>Multi-header sampling decision.</summary>
    public const string SampledHeader = "X-B3-Sampled";

    /// <summary>Multi-header flags (<c>1</c> means debug).</summary>
    public const string FlagsHeader = "X-B3-Flags";

    /// <summary>True when trace and span ids are present (not a sampling-only context).</summary>
    public bool HasIds => !TraceId.IsEmpty;

    /// <summary>
    /// Reads B3 from a header lookup (which should ignore header-name case, as HTTP does). The single
    /// <c>b3</c> header wins over the multi-header form when both are present.
    /// </summary>
    /// <param name="header">Returns a header's value, or null when absent.</param>
    /// <param name="context">The parsed context.</param>
    /// <param name="error">Null when no B3 headers were present or they parsed; otherwise what is wrong.</param>
    /// <returns>True when a valid context was read.</returns>
    public static bool TryParse(Func<string, string?> header, out B3Context context, out string? error)
    {
        ArgumentNullException.ThrowIfNull(header);
        string? single = header(SingleHeader);
        if (single is not null)
        {
            return TryParseSingle(single, out context, out error);
        }

        return B3MultiHeaderReader.TryParse(header, out context, out error);
    }

    /// <summary>Reads B3 from a header lookup, discarding the error text.</summary>
    public static bool TryParse(Func<string, string?> header, out B3Context context) => TryParse(header, out context, out _);

    /// <summary>Parses the single-header value <c>{traceId}-{spanId}[-{sampling}[-{parentSpanId}]]</c> or <c>0</c>/<c>1</c>/<c>d</c>.</summary>
    public static bool TryParseSingle(ReadOnlySpan<char> value, out B3Context context, out string? error)
    {
        context = default;
        value = value.Trim();
        if (value.Length == 1)
        {
            return TryParseSamplingState(value, out context, out error);
        }

        Span<Range> parts = stackalloc Range[5];
        int count = value.Split(parts, '-');
        if (count is < 2 or > 4)
        {
            error = "b3: expected {traceId}-{spanId}[-{sampling}[-{parentSpanId}]] or 0, 1, d";
            return false;
        }

        if (!TraceId.TryParse(value[parts[0]], out TraceId traceId) || traceId.IsEmpty)
        {
            error = "b3: traceId must be 16 or 32 hex characters";
            return false;
        }

        if (!SpanId.TryParse(value[parts[1]], out SpanId spanId) || spanId.IsEmpty)
        {
            error = "b3: spanId must be 16 hex characters";
            return false;
        }

        B3Context sampling = default;
        if (count >= 3 && !TryParseSamplingState(value[parts[2]], out sampling, out error))
        {
            return false;
        }

        SpanId? parent = null;
        if (count == 4)
        {
            if (!SpanId.TryParse(value[parts[3]], out SpanId p) || p.IsEmpty)
            {
                error = "b3: parentSpanId must be 16 hex characters";
                return false;
            }

            parent = p;
        }

        context = new B3Context(traceId, spanId, parent, sampling.Sampled, sampling.Debug);
        error = null;
        return true;
    }

    private static bool TryParseSamplingState(ReadOnlySpan<char> state, out B3Context context, out string? error)
    {
        error = null;
        context = state switch
        {
            "0" => new B3Context(default, default, null, false, false),
            "1" => new B3Context(default, default, null, true, false),
            "d" => new B3Context(default, default, null, true, true),
            _ => default,
        };
        if (state is "0" or "1" or "d")
        {
            return true;
        }

        error = $"b3: sampling state must be 0, 1 or d, got '{state}'";
        return false;
    }
}
