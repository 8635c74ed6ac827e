using StreamJobs.Telemetry.Spans;

namespace StreamJobs.TailSampler.Policies;

/// <summary>Inverts its child.</summary>
internal sealed class NotPolicy(string name, ITracePolicy child) : ITracePolicy
{
    public string Name { get; } = name;

    public bool Matches(Trace trace) => !child.Matches(trace);
}
