using StreamJobs.Telemetry.Spans;

namespace StreamJobs.TailSampler.Policies;

/// <summary>Matches when any child matches (children after the first match are not evaluated).</summary>
internal sealed class AnyOfPolicy(string name, IReadOnlyList<ITracePolicy> children) : ITracePolicy
{
    public string Name { get; } = name;

    public bool Matches(Trace trace)
    {
        for (int i = 0; i < children.Count; i++)
        {
            if (children[i].Matches(trace))
            {
                return true;
            }
        }

        return false;
    }
}
