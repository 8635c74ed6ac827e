namespace StreamJobs.FlowEnricher.Windows;

/// <summary>Aggregates of all flows that started in one window between one pair of applications.</summary>
public sealed record FlowWindow
{
    /// <summary>Window start, Unix milliseconds (inclusive).</summary>
    public required long WindowStartUnixMs { get; init; }

    /// <summary>Window end, Unix milliseconds (exclusive).</summary>
    public required long WindowEndUnixMs { get; init; }

    /// <summary>The local application, or null when unattributed.</summary>
    public required string? LocalApp { get; init; }

    /// <summary>The remote application, or null when unattributed.</summary>
    public required string? RemoteApp { get; init; }

    /// <summary>Flow records aggregated.</summary>
    public required long Flows { get; init; }

    /// <summary>Bytes sent by the local application.</summary>
    public required ulong BytesSent { get; init; }

    /// <summary>Bytes received by the local application.</summary>
    public required ulong BytesReceived { get; init; }

    /// <summary>Packets sent by the local application.</summary>
    public required ulong PacketsSent { get; init; }

    /// <summary>Packets received by the local application.</summary>
    public required ulong PacketsReceived { get; init; }

    /// <summary>Retransmitted segments.</summary>
    public required ulong Retransmits { get; init; }

    /// <summary>Flows that carried an RTT (non-zero smoothed RTT).</summary>
    public required long RttSamples { get; init; }

    /// <summary>Median smoothed RTT, microseconds (nearest rank; 0 without samples).</summary>
    public required uint RttP50Micros { get; init; }

    /// <summary>90th percentile smoothed RTT, microseconds.</summary>
    public required uint RttP90Micros { get; init; }

    /// <summary>99th percentile smoothed RTT, microseconds.</summary>
    public required uint RttP99Micros { get; init; }

    /// <summary>True when the percentiles are exact (few enough samples), false when from the bounded histogram.</summary>
    public required bool RttExact { get; init; }
}
