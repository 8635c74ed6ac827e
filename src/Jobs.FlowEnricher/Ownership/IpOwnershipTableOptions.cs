namespace StreamJobs.FlowEnricher.Ownership;

/// <summary>Bounds and rules of an <see cref="IpOwnershipTable"/>.</summary>
public sealed class IpOwnershipTableOptions
{
    /// <summary>Evidence that ended longer ago than this is expired by <see cref="IpOwnershipTable.Expire"/> (default 1 hour).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Two heartbeat ranges of the same workload closer than this are glued into one (default 60 s). This assumes an
    /// IP does not leave a workload and come back to it within the gap.
    /// </summary>
    public TimeSpan HeartbeatMaxGap { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Events kept per IP; the oldest is dropped beyond (default 32).</summary>
    public int MaxEventsPerIp { get; init; } = 32;

    /// <summary>Heartbeat ranges kept per IP; the oldest is dropped beyond (default 32).</summary>
    public int MaxHeartbeatRangesPerIp { get; init; } = 32;

    /// <summary>IPs tracked at most; evidence about further IPs is dropped and counted until expiry frees room (default 2,000,000).</summary>
    public int MaxTrackedIps { get; init; } = 2_000_000;
}
