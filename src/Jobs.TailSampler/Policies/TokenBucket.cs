namespace StreamJobs.TailSampler.Policies;

/// <summary>A token bucket refilled continuously at a fixed rate, up to its capacity.</summary>
internal sealed class TokenBucket(double ratePerSecond, double capacity, DateTimeOffset now)
{
    private readonly double _capacity = capacity;
    private double _tokens = capacity;
    private DateTimeOffset _last = now;

    public bool TryTake(DateTimeOffset now)
    {
        // Clocks can step backwards; never refill for negative time.
        double elapsed = Math.Max(0, (now - _last).TotalSeconds);
        if (now > _last)
        {
            _last = now;
        }

        _tokens = Math.Min(_capacity, _tokens + elapsed * ratePerSecond);
        if (_tokens >= 1)
        {
            _tokens -= 1;
            return true;
        }

        return false;
    }
}
