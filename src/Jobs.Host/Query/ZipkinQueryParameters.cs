using System.Globalization;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Storage;

namespace StreamJobs.Host.Query;

/// <summary>
/// Reads the query API's parameters with Zipkin's names and units (durations in microseconds, <c>endTs</c> and
/// <c>lookback</c> in epoch milliseconds) and bounds them (<see cref="ZipkinQueryLimits"/>). Every method returns
/// either a value or the message of a 400; unknown parameters are ignored, as Zipkin does.
/// </summary>
internal static class ZipkinQueryParameters
{
    public static (TraceQuery? Query, string? Error) Traces(IQueryCollection query, DateTimeOffset now)
    {
        string? error = null;
        string? service = Name(query, "serviceName", ref error);
        string? spanName = Name(query, "spanName", ref error);
        string? remote = Name(query, "remoteServiceName", ref error);
        string? policy = Name(query, "policy", ref error);
        string? annotations = Text(query, "annotationQuery", ZipkinQueryLimits.MaxAnnotationQueryLength, ref error);
        long? min = Number(query, "minDuration", 1, long.MaxValue / 10, ref error);
        long? max = Number(query, "maxDuration", 1, long.MaxValue / 10, ref error);
        var (endTs, lookback) = Window(query, now, required: false, ref error);
        long? limit = Number(query, "limit", 1, ZipkinQueryLimits.MaxLimit, ref error);
        if (error is not null) return (null, error);

        var terms = TraceQuery.ParseAnnotationQuery(annotations);
        if (terms.Count > ZipkinQueryLimits.MaxAnnotationQueryTerms)
        {
            return (null, $"annotationQuery has {terms.Count} terms; at most {ZipkinQueryLimits.MaxAnnotationQueryTerms} are allowed");
        }

        var request = new TraceQuery
        {
            ServiceName = service,
            SpanName = spanName is "all" ? null : spanName,
            RemoteServiceName = remote,
            Policy = policy,
            AnnotationQuery = terms,
            MinDuration = min is { } mn ? TimeSpan.FromTicks(mn * 10) : null,
            MaxDuration = max is { } mx ? TimeSpan.FromTicks(mx * 10) : null,
            EndTs = endTs,
            Lookback = lookback,
            Limit = (int)(limit ?? ZipkinQueryLimits.DefaultLimit),
        };
        try
        {
            request.Validate();
            return (request, null);
        }
        catch (ArgumentException e)
        {
            return (null, e.Message.Split(" (Parameter")[0]);
        }
    }

    /// <summary><c>endTs</c> (default now, or required) and <c>lookback</c> (default a day), both bounded.</summary>
    public static (DateTimeOffset EndTs, TimeSpan Lookback) Window(IQueryCollection query, DateTimeOffset now, bool required, ref string? error)
    {
        const long maxEpochMillis = 253_402_300_799_999; // 9999-12-31, the last instant DateTimeOffset holds
        long? endTs = Number(query, "endTs", 1, maxEpochMillis, ref error);
        long? lookback = Number(query, "lookback", 1, (long)ZipkinQueryLimits.MaxLookback.TotalMilliseconds, ref error);
        if (required && endTs is null && error is null) error = "endTs is required (epoch milliseconds)";
        return (endTs is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : now,
                lookback is { } l ? TimeSpan.FromMilliseconds(l) : ZipkinQueryLimits.DefaultLookback);
    }

    /// <summary>A required service name (for <c>/api/v2/spans</c> and <c>/api/v2/remoteServices</c>).</summary>
    public static (string? Service, string? Error) Service(IQueryCollection query)
    {
        string? error = null;
        string? service = Name(query, "serviceName", ref error);
        return error is null && service is null ? (null, "serviceName is required") : (service, error);
    }

    /// <summary>A trace id: 16 or 32 hex characters.</summary>
    public static (TraceId Id, string? Error) TraceIdOf(string? text) =>
        text is { Length: 16 or 32 } && TraceId.TryParse(text, out var id) && !id.IsEmpty
            ? (id, null)
            : (default, $"traceId '{Clip(text)}' is not 16 or 32 hex characters");

    /// <summary><c>traceIds</c>: comma-separated trace ids, at most <see cref="ZipkinQueryLimits.MaxTraceIds"/>.</summary>
    public static (IReadOnlyList<TraceId> Ids, string? Error) TraceIds(IQueryCollection query)
    {
        string? error = null;
        string? text = Text(query, "traceIds", ZipkinQueryLimits.MaxTraceIds * 33, ref error);
        if (error is not null) return ([], error);
        string[] parts = (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return ([], "traceIds is required: a comma-separated list of trace ids");
        if (parts.Length > ZipkinQueryLimits.MaxTraceIds) return ([], $"traceIds has {parts.Length} ids; at most {ZipkinQueryLimits.MaxTraceIds} are allowed");
        var ids = new List<TraceId>(parts.Length);
        foreach (string part in parts)
        {
            var (id, bad) = TraceIdOf(part);
            if (bad is not null) return ([], bad);
            if (!ids.Contains(id)) ids.Add(id);
        }

        return (ids, null);
    }

    private static string? Name(IQueryCollection query, string name, ref string? error) =>
        Text(query, name, ZipkinQueryLimits.MaxNameLength, ref error) is { Length: > 0 } text ? text : null;

    private static string? Text(IQueryCollection query, string name, int maxLength, ref string? error)
    {
        if (!query.TryGetValue(name, out var values)) return null;
        if (values.Count > 1)
        {
            error ??= $"{name} is given {values.Count} times; give it once";
            return null;
        }

        string text = (values[0] ?? string.Empty).Trim();
        if (text.Length > maxLength)
        {
            error ??= $"{name} is {text.Length} characters long; at most {maxLength} are allowed";
            return null;
        }

        return text;
    }

    private static long? Number(IQueryCollection query, string name, long min, long max, ref string? error)
    {
        string? text = Text(query, name, 20, ref error);
        if (string.IsNullOrEmpty(text)) return null;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) || value < min || value > max)
        {
            error ??= $"{name} '{Clip(text)}' must be a whole number from {min} to {max}";
            return null;
        }

        return value;
    }

    private static string Clip(string? text) => text is null ? string.Empty : text.Length <= 40 ? text : text[..40] + "…";
}
