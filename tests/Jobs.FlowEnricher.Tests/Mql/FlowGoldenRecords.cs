using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.FlowEnricher.Windows;
using StreamJobs.Telemetry.Flows;
using static StreamJobs.FlowEnricher.Tests.Support.Flows;

namespace StreamJobs.FlowEnricher.Tests.Mql;

/// <summary>The records each stream's golden queries run over: IPv4 and IPv6, inside and outside 10.0.0.0/8.</summary>
internal static class FlowGoldenRecords
{
    public static FlowRecord[] Flows { get; } =
    [
        Flow("10.0.0.5", "10.1.0.7", T0, identity: "checkout"),
        Flow("10.0.0.6", "203.0.113.9", T0 + 1_000, bytes: 5_000) with { Protocol = FlowProtocol.Udp, Direction = FlowDirection.Server, RemotePort = 53 },
        Flow("fd00::5", "fd00:1::7", T0 + 2_000, identity: "search", rtt: 0),
        Flow("10.0.0.5", "192.168.1.20", T0 + 3_000) with { Protocol = (FlowProtocol)47, Direction = FlowDirection.Unknown },
    ];

    public static EnrichedFlow[] EnrichedFlows { get; } =
    [
        new(Flows[0], "checkout", "payments", AttributionSource.Heartbeat, AttributionSource.Range, false),
        new(Flows[1], null, "internet", AttributionSource.Unknown, AttributionSource.Cidr, true),
        new(Flows[2], "search", null, AttributionSource.Heartbeat, AttributionSource.Unknown, true),
        new(Flows[3], "checkout", "legacy-db", AttributionSource.Heartbeat, AttributionSource.Range, false),
    ];

    public static OwnershipEvent[] Ownership { get; } =
    [
        new(Ip("10.1.0.7"), "payments", T0 - 5_000, OwnershipChange.Assigned),
        new(Ip("10.1.0.7"), "payments", T0 + 60_000, OwnershipChange.Unassigned),
        new(Ip("fd00:1::7"), "index", T0, OwnershipChange.Assigned),
    ];

    public static FlowWindow[] Windows { get; } =
    [
        Window("checkout", "payments", flows: 120, retransmits: 3, p99: 8_000),
        Window(null, "internet", flows: 7, retransmits: 0, p99: 45_000),
    ];

    private static FlowWindow Window(string? local, string? remote, long flows, ulong retransmits, uint p99) => new()
    {
        WindowStartUnixMs = T0,
        WindowEndUnixMs = T0 + 60_000,
        LocalApp = local,
        RemoteApp = remote,
        Flows = flows,
        BytesSent = (ulong)flows * 1_000,
        BytesReceived = (ulong)flows * 2_000,
        PacketsSent = (ulong)flows * 3,
        PacketsReceived = (ulong)flows * 4,
        Retransmits = retransmits,
        RttSamples = flows,
        RttP50Micros = p99 / 4,
        RttP90Micros = p99 / 2,
        RttP99Micros = p99,
        RttExact = true,
    };
}
