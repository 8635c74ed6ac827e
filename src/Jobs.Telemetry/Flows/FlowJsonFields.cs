namespace StreamJobs.Telemetry.Flows;

/// <summary>Property names of a flow object in a JSON batch (documented in docs/flows.md).</summary>
public static class FlowJsonFields
{
    /// <summary>Local address (string, required).</summary>
    public const string LocalIp = "localIp";

    /// <summary>Local port (0-65535, required).</summary>
    public const string LocalPort = "localPort";

    /// <summary>Remote address (string, required).</summary>
    public const string RemoteIp = "remoteIp";

    /// <summary>Remote port (0-65535, required).</summary>
    public const string RemotePort = "remotePort";

    /// <summary>"tcp", "udp" or an IP protocol number (default "tcp").</summary>
    public const string Protocol = "protocol";

    /// <summary>"client", "server" or "unknown" (default "unknown").</summary>
    public const string Direction = "direction";

    /// <summary>Interval start, Unix milliseconds (required).</summary>
    public const string StartMs = "startMs";

    /// <summary>Interval end, Unix milliseconds, not before the start (required).</summary>
    public const string EndMs = "endMs";

    /// <summary>Bytes sent by the local end (default 0).</summary>
    public const string BytesSent = "bytesSent";

    /// <summary>Bytes received by the local end (default 0).</summary>
    public const string BytesReceived = "bytesReceived";

    /// <summary>Packets sent by the local end (default 0).</summary>
    public const string PacketsSent = "packetsSent";

    /// <summary>Packets received by the local end (default 0).</summary>
    public const string PacketsReceived = "packetsReceived";

    /// <summary>Retransmitted segments (default 0).</summary>
    public const string Retransmits = "retransmits";

    /// <summary>Smoothed RTT in microseconds (default 0 = unknown).</summary>
    public const string SrttUs = "srttUs";

    /// <summary>Local workload identity (string or null, optional).</summary>
    public const string LocalWorkload = "localWorkload";
}
