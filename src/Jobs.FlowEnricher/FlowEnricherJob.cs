using System.ComponentModel;
using StreamJobs.Acknowledgement;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Jobs;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher;

/// <summary>
/// Attributes both ends of every flow to the application that owned each IP at the flow's start. Subscribes to
/// <c>flows</c> and <c>ip-ownership</c>, merges them into one stateful stage (one attributor per shard, one order, no
/// locks), and publishes <c>enriched-flows</c>. The stage runs as parallel shards: flows are split by 5-tuple, and every
/// shard applies every ownership event, in the order it arrived among that shard's flows. With the host's
/// <see cref="ReceiptHandoff"/> among the services, flows of a revoked partition are released for its next owner
/// instead of emitted.
/// </summary>
[Description("Time-aware IP → application attribution of both ends of each flow (flows + ip-ownership → enriched-flows).")]
public sealed class FlowEnricherJob : StreamJob<FlowEnricherParameters>
{
    /// <summary>The flow stream it reads.</summary>
    public const string FlowStream = "flows";

    /// <summary>The ownership event stream it reads.</summary>
    public const string OwnershipStream = "ip-ownership";

    /// <summary>The stream it publishes.</summary>
    public const string OutputStream = "enriched-flows";

    /// <inheritdoc />
    protected override JobGraph Build(JobContext context, FlowEnricherParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parameters);
        var metrics = context.Services.GetService(typeof(FlowEnricherMetrics)) as FlowEnricherMetrics ?? new FlowEnricherMetrics();
        var catchUp = context.Services.GetService(typeof(IOwnershipCatchUp)) as IOwnershipCatchUp;
        // Flows read from a partitioned source are released, not emitted, once their partition moves to another replica.
        var handoff = context.Services.GetService(typeof(ReceiptHandoff)) as ReceiptHandoff;
        var shards = parameters.EffectiveShards;
        var events = context.Subscribe<OwnershipEvent>(OwnershipStream).Select(FlowEnricherInput.Of);
        return context.Subscribe<FlowRecord>(FlowStream, completesReceipts: true)
            .Select(FlowEnricherInput.Of)
            .Merge(events)
            .Via(Flow.Partitioned<FlowEnricherInput, EnrichedFlow>(shards, FlowEnricherInput.Route,
                shard => new FlowEnricherLogic(parameters, metrics, catchUp, handoff, shards, countsOwnership: shard == 0), "attribute"))
            .To(context.Publish<EnrichedFlow>(OutputStream));
    }
}
