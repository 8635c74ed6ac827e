namespace StreamJobs.Host.Query;

/// <summary>The bounds of the query API: a request beyond them gets 400 with the bound in the message.</summary>
internal static class ZipkinQueryLimits
{
    /// <summary>Zipkin's default <c>limit</c>.</summary>
    public const int DefaultLimit = 10;

    public const int MaxLimit = 1000;

    /// <summary>Zipkin's default <c>lookback</c>: one day.</summary>
    public static readonly TimeSpan DefaultLookback = TimeSpan.FromDays(1);

    public static readonly TimeSpan MaxLookback = TimeSpan.FromDays(31);

    public const int MaxTraceIds = 100;

    /// <summary>Longest service, span, remote service or policy name accepted.</summary>
    public const int MaxNameLength = 256;

    public const int MaxAnnotationQueryLength = 2048;

    public const int MaxAnnotationQueryTerms = 16;
}
