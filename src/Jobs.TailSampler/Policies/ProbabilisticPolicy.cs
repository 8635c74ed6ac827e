using StreamJobs.Telemetry.Spans;

namespace StreamJobs.TailSampler.Policies;

/// <summary>
/// Keeps a fixed share of trace ids. The decision depends only on <see cref="TraceId.GetStableHash"/>,
/// so every replica (and every restart) decides the same way for the same trace id.
/// </summary>
internal sealed class ProbabilisticPolicy : ITracePolicy
{
    private readonly ulong _threshold;

    public ProbabilisticPolicy(string name, double percentage)
    {
        Name = name;

        // Compare the top 53 bits of the hash: exactly representable as a double fraction of 2^53.
        _threshold = (ulong)Math.Round(percentage / 100.0 * (1UL << 53));
    }

    public string Name { get; }

    public bool Matches(Trace trace) => (trace.TraceId.GetStableHash() >> 11) < _threshold;
}
