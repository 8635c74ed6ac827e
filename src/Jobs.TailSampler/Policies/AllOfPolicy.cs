using StreamJobs.Telemetry.Spans;

namespace StreamJobs.TailSampler.Policies;

/// <summary>Matches when every child matches (stops at the first child that does not).</summary>
internal sealed class AllOfPolicy(string name, IReadOnlyList<ITracePolicy> children) : ITracePolicy
{
    public string Name { get; } = name;

    public bool Matches(Trace trace)
    {
        for (int i = 0; i < children.Count; i++)
        {
            if (!children[i].Matches(trace))
            {
                return false;
            }
        }

        return true;
    }
}
