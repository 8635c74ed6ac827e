namespace StreamJobs.TailSampler.Policies;

/// <summary>
/// The token buckets of one rate-limit policy, one per root service, shared by every shard that runs the policy so the
/// configured rate holds for the whole sampler. A lock guards them: only traces that reach the policy take it, and a
/// take is a few arithmetic operations.
/// </summary>
internal sealed class RateLimitBudget(double tracesPerSecond, double burst)
{
    // Past this many distinct root services, the rest share one bucket so memory stays bounded.
    internal const int MaxServices = 10_000;
    internal const string OverflowKey = "(other)";

    private readonly Dictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public bool TryTake(string service, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_buckets.TryGetValue(service, out var bucket))
            {
                if (_buckets.Count >= MaxServices) service = OverflowKey;
                if (!_buckets.TryGetValue(service, out bucket))
                {
                    bucket = new TokenBucket(tracesPerSecond, burst, now);
                    _buckets.Add(service, bucket);
                }
            }
            return bucket.TryTake(now);
        }
    }
}
