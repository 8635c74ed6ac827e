namespace StreamJobs.Windows;

/// <summary>Settings of a keyed session window.</summary>
public sealed record SessionWindowOptions
{
    /// <summary>A session closes after this long even if it never goes quiet (default: never).</summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>At most this many sessions are open; past it the one due soonest closes early (default 1,000,000).</summary>
    public int MaxSessions { get; init; } = 1_000_000;

    /// <summary>How often due sessions are checked (default: a tenth of the gap, at least 10 ms).</summary>
    public TimeSpan? CheckInterval { get; init; }

    /// <summary>
    /// Parallel shards, split by key, so windows of different keys use different cores (default 1; 0 means one per core
    /// the process may use). <see cref="MaxSessions"/> is shared out evenly between them.
    /// </summary>
    public int Shards { get; init; } = 1;
}
