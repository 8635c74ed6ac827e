using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Tests.Support;

/// <summary>Builders for flows and addresses used across the tests.</summary>
internal static class Flows
{
    public const long T0 = 1_700_000_000_000;

    public static IpAddress Ip(string text) => IpAddress.Parse(text);

    public static FlowRecord Flow(string local, string remote, long start, long duration = 1_000, string? identity = null, uint rtt = 1_000, ulong bytes = 100) => new()
    {
        LocalIp = Ip(local),
        RemoteIp = Ip(remote),
        LocalPort = 40_000,
        RemotePort = 443,
        Protocol = FlowProtocol.Tcp,
        Direction = FlowDirection.Client,
        StartUnixMs = start,
        EndUnixMs = start + duration,
        BytesSent = bytes,
        BytesReceived = bytes * 2,
        PacketsSent = 3,
        PacketsReceived = 4,
        Retransmits = 1,
        SmoothedRttMicros = rtt,
        LocalWorkload = identity,
    };

    public static DateTimeOffset At(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
}
