namespace StreamJobs.Telemetry.Spans;

/// <summary>What <see cref="TraceClassifier"/> found in a trace's spans.</summary>
internal readonly record struct TraceFacts(
    Span Root,
    IReadOnlyList<string> Services,
    long StartNanos,
    long EndNanos,
    bool HasError,
    bool HasWarning,
    bool HasRetry,
    bool IsDebug,
    bool? IsSampled);
