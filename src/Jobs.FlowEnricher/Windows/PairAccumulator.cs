using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Windows;

/// <summary>Running sums of one (window, app pair).</summary>
internal sealed class PairAccumulator(int exactRttSamples)
{
    public long Flows;
    public ulong BytesSent;
    public ulong BytesReceived;
    public ulong PacketsSent;
    public ulong PacketsReceived;
    public ulong Retransmits;
    public readonly RttDigest Rtt = new(exactRttSamples);

    public void Add(in FlowRecord flow)
    {
        Flows++;
        BytesSent += flow.BytesSent;
        BytesReceived += flow.BytesReceived;
        PacketsSent += flow.PacketsSent;
        PacketsReceived += flow.PacketsReceived;
        Retransmits += flow.Retransmits;
        if (flow.SmoothedRttMicros != 0)
        {
            Rtt.Add(flow.SmoothedRttMicros);
        }
    }
}
