namespace StreamJobs.Telemetry.Storage;

/// <summary>
/// A trace search with Zipkin's semantics (<c>/api/v2/traces</c>): traces whose timestamp (the root span's start, else
/// the earliest) lies in [<see cref="EndTs"/> - <see cref="Lookback"/>, <see cref="EndTs"/>] and that have spans of
/// <see cref="ServiceName"/> matching every other condition (each condition may be met by a different span of that
/// service). Names compare case-insensitively, as Zipkin lowers them. <see cref="Policy"/> is a StreamJobs addition.
/// </summary>
public sealed record TraceQuery
{
    /// <summary>Local service name every other condition applies to; null for any service.</summary>
    public string? ServiceName { get; init; }

    /// <summary>A span of the service called this remote service.</summary>
    public string? RemoteServiceName { get; init; }

    /// <summary>A span of the service has this name.</summary>
    public string? SpanName { get; init; }

    /// <summary>Tag key → value (empty value: the tag or an annotation with that text exists), all required.</summary>
    public IReadOnlyDictionary<string, string> AnnotationQuery { get; init; } = new Dictionary<string, string>();

    /// <summary>A span of the service lasted at least this long.</summary>
    public TimeSpan? MinDuration { get; init; }

    /// <summary>...and at most this long (only with <see cref="MinDuration"/>).</summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>End of the time range (inclusive).</summary>
    public required DateTimeOffset EndTs { get; init; }

    /// <summary>Length of the time range before <see cref="EndTs"/>.</summary>
    public required TimeSpan Lookback { get; init; }

    /// <summary>Most traces returned.</summary>
    public int Limit { get; init; } = 10;

    /// <summary>Only traces kept by this sampling policy (exact name).</summary>
    public string? Policy { get; init; }

    /// <summary>Start of the time range (inclusive).</summary>
    public DateTimeOffset StartTs => EndTs - Lookback;

    /// <summary>Throws <see cref="ArgumentException"/> with Zipkin's wording for the first invalid setting.</summary>
    public void Validate()
    {
        if (EndTs <= DateTimeOffset.UnixEpoch) throw new ArgumentException("endTs <= 0", nameof(EndTs));
        if (Limit <= 0) throw new ArgumentException("limit <= 0", nameof(Limit));
        if (Lookback <= TimeSpan.Zero) throw new ArgumentException("lookback <= 0", nameof(Lookback));
        if (MinDuration is { } min)
        {
            if (min <= TimeSpan.Zero) throw new ArgumentException("minDuration <= 0", nameof(MinDuration));
            if (MaxDuration is { } max && max < min) throw new ArgumentException("maxDuration < minDuration", nameof(MaxDuration));
        }
        else if (MaxDuration is not null)
        {
            throw new ArgumentException("maxDuration is only valid with minDuration", nameof(MaxDuration));
        }
    }

    /// <summary>
    /// Parses Zipkin's <c>annotationQuery</c>, e.g. <c>http.method=GET and error</c>: terms joined by " and ", each a
    /// tag <c>key=value</c> or a bare key (tag present or annotation text); keys and values trimmed, the last tag wins.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ParseAnnotationQuery(string? text)
    {
        var terms = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return terms;
        }

        foreach (string term in text.Split(" and "))
        {
            int equals = term.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                string key = term.Trim();
                if (key.Length > 0) terms.TryAdd(key, string.Empty);
            }
            else if (term[..equals].Trim() is { Length: > 0 } key)
            {
                terms[key] = term[(equals + 1)..].Trim();
            }
        }

        return terms;
    }

    /// <summary>Whether a stored trace meets every condition (the final check of every store).</summary>
    public bool Matches(StoredTrace trace) => TraceQueryMatch.Test(this, trace);
}
