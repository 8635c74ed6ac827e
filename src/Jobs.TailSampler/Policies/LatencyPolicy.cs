using StreamJobs.Telemetry.Spans;

namespace StreamJobs.TailSampler.Policies;

/// <summary>Matches traces lasting at least a threshold.</summary>
internal sealed class LatencyPolicy(string name, TimeSpan threshold) : ITracePolicy
{
    public string Name { get; } = name;

    public bool Matches(Trace trace) => trace.Duration >= threshold;
}
