using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher;

/// <summary>
/// One input of the enricher stage: a flow or an ownership event. Both streams are merged into one stage so the
/// attributor (single-threaded by design) sees events and flows in one order, with no lock and no shared table.
/// Plain fields so the stage can pass them on by reference.
/// </summary>
internal readonly struct FlowEnricherInput
{
    public readonly bool IsFlow;
    public readonly FlowRecord Flow;
    public readonly OwnershipEvent Event;

    private FlowEnricherInput(bool isFlow, FlowRecord flow, OwnershipEvent ownershipEvent)
    {
        IsFlow = isFlow;
        Flow = flow;
        Event = ownershipEvent;
    }

    public static FlowEnricherInput Of(FlowRecord flow) => new(true, flow, default);

    public static FlowEnricherInput Of(OwnershipEvent ownershipEvent) => new(false, default, ownershipEvent);

    /// <summary>A flow's shard by its 5-tuple; an ownership event goes to every shard, as each attributes its flows alone.</summary>
    public static int Route(FlowEnricherInput input, int shards)
    {
        if (!input.IsFlow) return Streams.Flow.AllShards;
        ref readonly var flow = ref input.Flow;
        var hash = HashCode.Combine(flow.LocalIp, flow.RemoteIp, flow.LocalPort, flow.RemotePort, flow.Protocol);
        return (int)((uint)hash % (uint)shards);
    }
}
