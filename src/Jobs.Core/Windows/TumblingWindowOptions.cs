namespace StreamJobs.Windows;

/// <summary>Settings of a keyed tumbling window.</summary>
public sealed record TumblingWindowOptions
{
    /// <summary>How long after its end a window still takes late records (default zero).</summary>
    public TimeSpan AllowedLateness { get; init; } = TimeSpan.Zero;

    /// <summary>At most this many (key, window) accumulators are held; past it the oldest window closes early (default 1,000,000).</summary>
    public int MaxOpenWindows { get; init; } = 1_000_000;

    /// <summary>How often due windows are checked (default: a tenth of the window size, at least 10 ms).</summary>
    public TimeSpan? CheckInterval { get; init; }

    /// <summary>
    /// Parallel shards, split by key, so windows of different keys use different cores (default 1; 0 means one per core
    /// the process may use). <see cref="MaxOpenWindows"/> is shared out evenly between them.
    /// </summary>
    public int Shards { get; init; } = 1;
}
