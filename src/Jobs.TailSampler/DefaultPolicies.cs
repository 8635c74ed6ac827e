namespace StreamJobs.TailSampler;

/// <summary>
/// The policies used when none are configured: keep every trace with an error, a warning or a retry, every trace
/// slower than one second, every debug trace, and a consistent 10% of the rest (by trace id).
/// </summary>
public static class DefaultPolicies
{
    /// <summary>A fresh copy of the default policy list.</summary>
    public static List<TracePolicyOptions> Create() =>
    [
        new() { Name = "errors", Type = "error" },
        new() { Name = "warnings", Type = "warning" },
        new() { Name = "retries", Type = "retry" },
        new() { Name = "slow", Type = "latency", ThresholdMs = 1000 },
        new() { Name = "debug", Type = "always-keep", KeepDebug = true },
        new() { Name = "baseline", Type = "probabilistic", Percentage = 10 },
    ];
}
