namespace StreamJobs.FlowEnricher.Synthetic;

/// <summary>Shape of a synthetic flow scenario. All times are milliseconds.</summary>
public sealed class SyntheticFlowOptions
{
    /// <summary>Random seed; equal options give an equal scenario.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Applications (workloads) owning IPs.</summary>
    public int Applications { get; init; } = 50;

    /// <summary>Tracked IPs (about 10% IPv6).</summary>
    public int Ips { get; init; } = 1000;

    /// <summary>Scenario start, Unix milliseconds.</summary>
    public long StartUnixMs { get; init; } = 1_700_000_000_000;

    /// <summary>Scenario length.</summary>
    public long DurationMs { get; init; } = 600_000;

    /// <summary>Flows generated in total.</summary>
    public int Flows { get; init; } = 10_000;

    /// <summary>Fraction of IPs handed from one application to another during the run.</summary>
    public double ChurnFraction { get; init; } = 0.2;

    /// <summary>Handovers per churned IP.</summary>
    public int HandoversPerChurnedIp { get; init; } = 1;

    /// <summary>Shortest time an IP stays with one owner (must exceed the heartbeat glue gap).</summary>
    public long MinTenureMs { get; init; } = 120_000;

    /// <summary>Time an IP stays unowned during a handover.</summary>
    public long HandoverGapMs { get; init; } = 2_000;

    /// <summary>Latest an ownership event arrives after it took effect.</summary>
    public long MaxEventLatenessMs { get; init; } = 10_000;

    /// <summary>Fraction of events that arrive late (anywhere up to the bound); the rest within 200 ms.</summary>
    public double LateEventFraction { get; init; } = 0.3;

    /// <summary>Fraction of flows carrying their local workload identity (heartbeats).</summary>
    public double HeartbeatFraction { get; init; } = 0.3;

    /// <summary>Fraction of IPs that never get ownership events (heartbeats are all there is).</summary>
    public double EventlessFraction { get; init; } = 0.1;

    /// <summary>Fraction of flows whose remote end is in an external CIDR block.</summary>
    public double ExternalFraction { get; init; } = 0.1;

    /// <summary>Longest flow interval.</summary>
    public long FlowIntervalMs { get; init; } = 10_000;

    /// <summary>Longest delay between a flow interval's end and its arrival.</summary>
    public long MaxExportDelayMs { get; init; } = 5_000;
}
