namespace EdgeThroughput;

/// <summary>What a window accumulates for one edge: plain counters, so adding a flow allocates nothing.</summary>
public readonly record struct EdgeStats(long Flows, ulong Bytes, ulong Packets, ulong Retransmits)
{
    public EdgeStats Add(StreamJobs.FlowEnricher.EnrichedFlow flow) => new(
        Flows + 1,
        Bytes + flow.Flow.BytesSent + flow.Flow.BytesReceived,
        Packets + flow.Flow.PacketsSent,
        Retransmits + flow.Flow.Retransmits);
}
