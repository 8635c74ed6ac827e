using StreamJobs.Telemetry.Spans;

namespace StreamJobs.TailSampler.Policies;

/// <summary>
/// Matches up to a rate of traces per second for each root service (a token bucket each, in a
/// <see cref="RateLimitBudget"/> that the sampler's shards share). A match spends a token, so place it after the
/// policies that should win regardless of rate.
/// </summary>
internal sealed class RateLimitPolicy(string name, RateLimitBudget budget, TimeProvider time) : ITracePolicy
{
    internal const string UnknownService = "(unknown)";

    public string Name { get; } = name;

    public bool Matches(Trace trace) => budget.TryTake(trace.RootService ?? UnknownService, time.GetUtcNow());
}
