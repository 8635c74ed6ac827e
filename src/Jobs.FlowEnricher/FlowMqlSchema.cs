using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.FlowEnricher.Windows;
using StreamJobs.Mql;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher;

/// <summary>
/// How MQL reads the flow path's streams: <c>flows</c> (<see cref="FlowRecord"/>), <c>ip-ownership</c>
/// (<see cref="OwnershipEvent"/>), <c>enriched-flows</c> (<see cref="EnrichedFlow"/>) and <c>flow-windows</c>
/// (<see cref="FlowWindow"/>). Names follow the JSON ingest formats and the window archive, so a query reads like the
/// data that was sent or archived. Addresses are IP properties: text when selected, and
/// <c>where remoteIp in '10.0.0.0/8'</c> matches on their bits. Enum values read as the lower-case names of the wire
/// formats (<c>'tcp'</c>, <c>'client'</c>, <c>'assigned'</c>, <c>'heartbeat'</c>). Receipts are not properties.
/// </summary>
public static class FlowMqlSchema
{
    // Protocols without a name read as their number; the other enums only hold named values.
    private static readonly MqlValue[] Protocols = Names<FlowProtocol>()
        .Select((name, number) => Enum.IsDefined((FlowProtocol)number) ? MqlValue.FromString(name) : MqlValue.FromNumber(number)).ToArray();
    private static readonly string[] Directions = Names<FlowDirection>();
    private static readonly string[] Sources = Names<AttributionSource>();
    private static readonly string[] Changes = Names<OwnershipChange>();

    /// <summary>
    /// A flow on <c>flows</c>: <c>localIp</c>, <c>localPort</c>, <c>localWorkload</c> (the exporter's own identity, if
    /// any), <c>remoteIp</c>, <c>remotePort</c>, <c>protocol</c>, <c>direction</c>, <c>startMs</c>, <c>endMs</c>,
    /// <c>bytesSent</c>, <c>bytesReceived</c>, <c>packetsSent</c>, <c>packetsReceived</c>, <c>retransmits</c>, <c>srttUs</c>.
    /// </summary>
    public static MqlSchema<FlowRecord> Flows { get; } = MqlSchema<FlowRecord>.Build(b => AddFlow(b, f => f, f => f.LocalWorkload, null));

    /// <summary>
    /// An attributed flow on <c>enriched-flows</c>: the flow's properties with <c>localWorkload</c> and
    /// <c>remoteWorkload</c> the owners attributed at the flow's start (null when unknown), plus <c>localSource</c>,
    /// <c>remoteSource</c> (<c>'range'</c>, <c>'heartbeat'</c>, <c>'cidr'</c>, <c>'unknown'</c>) and <c>waited</c>.
    /// </summary>
    public static MqlSchema<EnrichedFlow> EnrichedFlows { get; } = MqlSchema<EnrichedFlow>.Build(b => AddFlow(b, e => e.Flow, e => e.LocalApp, e => e.RemoteApp)
        .Property("localSource", e => Sources[(byte)e.LocalSource])
        .Property("remoteSource", e => Sources[(byte)e.RemoteSource])
        .Property("waited", e => e.Waited));

    /// <summary>An ownership event on <c>ip-ownership</c>: <c>ip</c>, <c>workload</c>, <c>timestampMs</c>, <c>change</c>.</summary>
    public static MqlSchema<OwnershipEvent> Ownership { get; } = MqlSchema<OwnershipEvent>.Build(b => b
        .Ip("ip", e => Bits(e.Ip))
        .Property("workload", e => e.Workload)
        .Property("timestampMs", e => e.TimestampUnixMs)
        .Property("change", e => Changes[(byte)e.Change]));

    /// <summary>
    /// A closed window on <c>flow-windows</c>, named as in the NDJSON archive: <c>windowStart</c>, <c>windowEnd</c>
    /// (ISO 8601), <c>windowStartMs</c>, <c>windowEndMs</c>, <c>localApp</c>, <c>remoteApp</c>, <c>flows</c>,
    /// <c>bytesSent</c>, <c>bytesReceived</c>, <c>packetsSent</c>, <c>packetsReceived</c>, <c>retransmits</c>,
    /// <c>rttSamples</c>, <c>rttP50Us</c>, <c>rttP90Us</c>, <c>rttP99Us</c>, <c>rttExact</c>.
    /// </summary>
    public static MqlSchema<FlowWindow> Windows { get; } = MqlSchema<FlowWindow>.Build(b => b
        .Property("windowStart", w => DateTimeOffset.FromUnixTimeMilliseconds(w.WindowStartUnixMs))
        .Property("windowEnd", w => DateTimeOffset.FromUnixTimeMilliseconds(w.WindowEndUnixMs))
        .Property("windowStartMs", w => w.WindowStartUnixMs)
        .Property("windowEndMs", w => w.WindowEndUnixMs)
        .Property("localApp", w => w.LocalApp)
        .Property("remoteApp", w => w.RemoteApp)
        .Property("flows", w => w.Flows)
        .Property("bytesSent", w => (double)w.BytesSent)
        .Property("bytesReceived", w => (double)w.BytesReceived)
        .Property("packetsSent", w => (double)w.PacketsSent)
        .Property("packetsReceived", w => (double)w.PacketsReceived)
        .Property("retransmits", w => (double)w.Retransmits)
        .Property("rttSamples", w => w.RttSamples)
        .Property("rttP50Us", w => (long)w.RttP50Micros)
        .Property("rttP90Us", w => (long)w.RttP90Micros)
        .Property("rttP99Us", w => (long)w.RttP99Micros)
        .Property("rttExact", w => w.RttExact));

    // One list of flow properties for flows and enriched-flows, so a query moves between the two unchanged.
    private static MqlSchemaBuilder<T> AddFlow<T>(MqlSchemaBuilder<T> b, Func<T, FlowRecord> flow, Func<T, string?> localWorkload, Func<T, string?>? remoteWorkload)
    {
        b.Ip("localIp", r => Bits(flow(r).LocalIp))
            .Property("localPort", r => (int)flow(r).LocalPort)
            .Property("localWorkload", localWorkload)
            .Ip("remoteIp", r => Bits(flow(r).RemoteIp))
            .Property("remotePort", r => (int)flow(r).RemotePort);
        if (remoteWorkload is not null) b.Property("remoteWorkload", remoteWorkload);
        return b
            .Value("protocol", r => Protocols[(byte)flow(r).Protocol])
            .Property("direction", r => Directions[(byte)flow(r).Direction])
            .Property("startMs", r => flow(r).StartUnixMs)
            .Property("endMs", r => flow(r).EndUnixMs)
            .Property("bytesSent", r => (double)flow(r).BytesSent)
            .Property("bytesReceived", r => (double)flow(r).BytesReceived)
            .Property("packetsSent", r => (long)flow(r).PacketsSent)
            .Property("packetsReceived", r => (long)flow(r).PacketsReceived)
            .Property("retransmits", r => (long)flow(r).Retransmits)
            .Property("srttUs", r => (long)flow(r).SmoothedRttMicros);
    }

    private static UInt128 Bits(IpAddress address) => new(address.High, address.Low);

    /// <summary>Lower-case names of a byte enum's values by number, number text for the unnamed; cached so reading one allocates nothing.</summary>
    private static string[] Names<TEnum>()
        where TEnum : struct, Enum
    {
        var names = new string[256];
        for (var i = 0; i < names.Length; i++) names[i] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var value in Enum.GetValues<TEnum>())
        {
            names[Convert.ToByte(value, System.Globalization.CultureInfo.InvariantCulture)] = value.ToString().ToLowerInvariant();
        }

        return names;
    }
}
