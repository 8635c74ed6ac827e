using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Windows;

/// <summary>The key and running sums of one (window, app pair), held inline in a <see cref="PairTable"/>.</summary>
internal struct PairSums
{
    public string? Local;
    public string? Remote;
    public int Hash;
    public long Flows;
    public ulong BytesSent;
    public ulong BytesReceived;
    public ulong PacketsSent;
    public ulong PacketsReceived;
    public ulong Retransmits;
    public RttDigest Rtt;

    public void Add(in FlowRecord flow, int exactRttSamples)
    {
        Flows++;
        BytesSent += flow.BytesSent;
        BytesReceived += flow.BytesReceived;
        PacketsSent += flow.PacketsSent;
        PacketsReceived += flow.PacketsReceived;
        Retransmits += flow.Retransmits;
        if (flow.SmoothedRttMicros != 0)
        {
            Rtt.Add(flow.SmoothedRttMicros, exactRttSamples);
        }
    }
}
