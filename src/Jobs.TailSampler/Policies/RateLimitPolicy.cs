using StreamJobs.Telemetry.Spans;

namespace StreamJobs.TailSampler.Policies;

/// <summary>
/// Matches up to a rate of traces per second for each root service (a token bucket each). A match
/// spends a token, so place it after the policies that should win regardless of rate.
/// </summary>
internal sealed class RateLimitPolicy(string name, double tracesPerSecond, double burst, TimeProvider time) : ITracePolicy
{
    // Past this many distinct root services, the rest share one bucket so memory stays bounded.
    internal const int MaxServices = 10_000;
    internal const string OverflowKey = "(other)";
    internal const string UnknownService = "(unknown)";

    private readonly Dictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public bool Matches(Trace trace)
    {
        string service = trace.RootService ?? UnknownService;
        DateTimeOffset now = time.GetUtcNow();
        if (!_buckets.TryGetValue(service, out TokenBucket? bucket))
        {
            if (_buckets.Count >= MaxServices)
            {
                service = OverflowKey;
            }

            if (!_buckets.TryGetValue(service, out bucket))
            {
                bucket = new TokenBucket(tracesPerSecond, burst, now);
                _buckets.Add(service, bucket);
            }
        }

        return bucket.TryTake(now);
    }
}
