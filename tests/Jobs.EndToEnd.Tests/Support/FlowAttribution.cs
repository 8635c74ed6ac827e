using StreamJobs.FlowEnricher;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.EndToEnd.Tests.Support;

/// <summary>How one flow was attributed: both ends' apps and evidence, as the enriched-flows topic carries them.</summary>
internal readonly record struct FlowAttribution(string? LocalApp, string? RemoteApp, string LocalSource, string RemoteSource)
{
    public static FlowAttribution Of(in EnrichedFlow flow) => new(flow.LocalApp, flow.RemoteApp, Name(flow.LocalSource), Name(flow.RemoteSource));

    /// <summary>
    /// The single-process reference: one attributor with <paramref name="parameters"/> that has every event, then takes
    /// the flows (in one batch, or one at a time in reverse order), then ends every wait. Keyed by local port (unique per
    /// flow in these tests).
    /// </summary>
    public static Dictionary<ushort, FlowAttribution> Reference(
        FlowEnricherParameters parameters, IReadOnlyList<OwnershipEvent> events, IReadOnlyList<FlowRecord> flows, bool oneBatch)
    {
        var attributor = new FlowAttributor(new IpOwnershipTable(parameters.ToTableOptions()), parameters.ToCidrTable(), parameters.ToAttributorOptions());
        foreach (var e in events) attributor.Apply(e);
        var output = new EnrichedFlowBuffer(flows.Count);
        var now = DateTimeOffset.UtcNow;
        if (oneBatch)
        {
            attributor.Add(flows.ToArray(), now, output);
        }
        else
        {
            for (var i = flows.Count - 1; i >= 0; i--) attributor.Add(new[] { flows[i] }, now, output);
        }
        attributor.DrainAll(output);
        var reference = new Dictionary<ushort, FlowAttribution>();
        foreach (var flow in output.Flows) reference.Add(flow.Flow.LocalPort, Of(flow));
        return reference;
    }

    private static string Name(AttributionSource source) => source switch
    {
        AttributionSource.Range => "range",
        AttributionSource.Heartbeat => "heartbeat",
        AttributionSource.Cidr => "cidr",
        _ => "unknown",
    };
}
