using StreamJobs.Telemetry.Spans;

namespace StreamJobs.TailSampler.Policies;

/// <summary>Matches traces with an error, a warning or a retry (rules in docs/spans.md).</summary>
internal sealed class TraceFlagPolicy(string name, TraceFlag flag) : ITracePolicy
{
    public string Name { get; } = name;

    public bool Matches(Trace trace) => flag switch
    {
        TraceFlag.Error => trace.HasError,
        TraceFlag.Warning => trace.HasWarning,
        _ => trace.HasRetry,
    };
}
