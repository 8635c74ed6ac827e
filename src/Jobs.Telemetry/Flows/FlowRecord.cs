namespace StreamJobs.Telemetry.Flows;

/// <summary>
/// One TCP/UDP flow record for one connection interval, as seen from the local host that exported it.
/// Times are Unix milliseconds; "sent"/"received" are from the local end's point of view.
/// </summary>
/// <remarks>Equality compares the flow, not its <see cref="Receipt"/>: a flow read back from Kafka equals the flow written.</remarks>
public readonly record struct FlowRecord : StreamJobs.Acknowledgement.IHasReceipts
{
    /// <summary>Address of the exporting (local) end.</summary>
    public IpAddress LocalIp { get; init; }

    /// <summary>Port of the local end.</summary>
    public ushort LocalPort { get; init; }

    /// <summary>Address of the remote end.</summary>
    public IpAddress RemoteIp { get; init; }

    /// <summary>Port of the remote end.</summary>
    public ushort RemotePort { get; init; }

    /// <summary>IP protocol.</summary>
    public FlowProtocol Protocol { get; init; }

    /// <summary>Whether the local end is the client or the server.</summary>
    public FlowDirection Direction { get; init; }

    /// <summary>Start of the interval, Unix milliseconds.</summary>
    public long StartUnixMs { get; init; }

    /// <summary>End of the interval, Unix milliseconds (not before <see cref="StartUnixMs"/>).</summary>
    public long EndUnixMs { get; init; }

    /// <summary>Bytes sent by the local end.</summary>
    public ulong BytesSent { get; init; }

    /// <summary>Bytes received by the local end.</summary>
    public ulong BytesReceived { get; init; }

    /// <summary>Packets sent by the local end.</summary>
    public uint PacketsSent { get; init; }

    /// <summary>Packets received by the local end.</summary>
    public uint PacketsReceived { get; init; }

    /// <summary>TCP retransmitted segments in the interval.</summary>
    public uint Retransmits { get; init; }

    /// <summary>Smoothed round-trip time, microseconds (0 when unknown).</summary>
    public uint SmoothedRttMicros { get; init; }

    /// <summary>
    /// The local workload identity when the exporter knows it (interned by the decoders), else null.
    /// A known identity is proof that <see cref="LocalIp"/> belonged to that workload during the interval.
    /// </summary>
    public string? LocalWorkload { get; init; }

    /// <summary>
    /// The flow's claim on its replayable source (a Kafka flows topic), or on the HTTP request that waits for it to
    /// reach that topic, else <see cref="StreamJobs.Acknowledgement.Receipt.None"/>. Whoever finishes with the flow
    /// (the last job of the chain, or the sink writing it to Kafka) completes it; it is not part of the wire formats.
    /// </summary>
    public StreamJobs.Acknowledgement.Receipt Receipt { get; init; }

    /// <inheritdoc />
    public bool Equals(FlowRecord other) =>
        LocalIp == other.LocalIp && LocalPort == other.LocalPort && RemoteIp == other.RemoteIp && RemotePort == other.RemotePort
        && Protocol == other.Protocol && Direction == other.Direction && StartUnixMs == other.StartUnixMs && EndUnixMs == other.EndUnixMs
        && BytesSent == other.BytesSent && BytesReceived == other.BytesReceived && PacketsSent == other.PacketsSent
        && PacketsReceived == other.PacketsReceived && Retransmits == other.Retransmits && SmoothedRttMicros == other.SmoothedRttMicros
        && string.Equals(LocalWorkload, other.LocalWorkload, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(LocalIp);
        hash.Add(LocalPort);
        hash.Add(RemoteIp);
        hash.Add(RemotePort);
        hash.Add(StartUnixMs);
        hash.Add(EndUnixMs);
        hash.Add(BytesSent);
        hash.Add(BytesReceived);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    void StreamJobs.Acknowledgement.IHasReceipts.RetainReceipts(int count) => Receipt.Retain(count);

    /// <summary>Completes the flow's receipt.</summary>
    void StreamJobs.Acknowledgement.IHasReceipts.CompleteReceipts() => Receipt.Complete();
}
