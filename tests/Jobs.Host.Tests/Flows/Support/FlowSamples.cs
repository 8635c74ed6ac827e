using StreamJobs.Telemetry.Flows;

namespace StreamJobs.Host.Tests.Flows.Support;

/// <summary>Flow records and datagrams for ingest tests.</summary>
internal static class FlowSamples
{
    public static FlowRecord Flow(string local, string remote, long startUnixMs, string? identity = "api") => new()
    {
        LocalIp = IpAddress.Parse(local),
        RemoteIp = IpAddress.Parse(remote),
        LocalPort = 40_000,
        RemotePort = 5432,
        Protocol = FlowProtocol.Tcp,
        Direction = FlowDirection.Client,
        StartUnixMs = startUnixMs,
        EndUnixMs = startUnixMs + 500,
        BytesSent = 1_000,
        BytesReceived = 2_000,
        PacketsSent = 10,
        PacketsReceived = 12,
        SmoothedRttMicros = 800,
        LocalWorkload = identity,
    };

    public static byte[] Datagram(params FlowRecord[] flows)
    {
        var buffer = new byte[65_507];
        int length = new FlowDatagramEncoder().Encode(flows, buffer, 1, out int written);
        Assert.Equal(flows.Length, written);
        return buffer[..length];
    }

    public static long NowMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
