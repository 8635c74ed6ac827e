using StreamJobs.Telemetry.Flows;

namespace StreamJobs.Telemetry.Tests.Flows;

/// <summary>Flow records covering v4, v6, identities and extreme values, shared by the codec tests.</summary>
internal static class SampleFlows
{
    public static FlowRecord[] Create(int count)
    {
        var random = new Random(11);
        string?[] identities = [null, "api", "db-primary", "cache-ü", null];
        return [.. Enumerable.Range(0, count).Select(i => new FlowRecord
        {
            LocalIp = i % 3 == 0 ? IpAddress.Parse("2001:db8::" + (i + 1).ToString("x")) : IpAddress.FromV4((uint)(0x0A000000 + i)),
            RemoteIp = IpAddress.FromV4((uint)random.Next()),
            LocalPort = (ushort)random.Next(65536),
            RemotePort = (ushort)(i == 0 ? 65535 : 443),
            Protocol = i % 4 == 0 ? FlowProtocol.Udp : FlowProtocol.Tcp,
            Direction = (FlowDirection)(i % 3),
            StartUnixMs = 1_700_000_000_000 + i,
            EndUnixMs = 1_700_000_000_000 + i + random.Next(10_000),
            BytesSent = i == 0 ? ulong.MaxValue : (ulong)random.NextInt64(),
            BytesReceived = (ulong)random.NextInt64(),
            PacketsSent = i == 0 ? uint.MaxValue : (uint)random.Next(),
            PacketsReceived = (uint)random.Next(),
            Retransmits = (uint)random.Next(100),
            SmoothedRttMicros = (uint)random.Next(1_000_000),
            LocalWorkload = identities[i % identities.Length],
        })];
    }
}
