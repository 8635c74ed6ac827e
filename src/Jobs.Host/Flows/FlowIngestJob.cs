using System.ComponentModel;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Jobs;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.Host.Flows;

/// <summary>
/// Publishes what the flow ingest endpoints receive: flows (UDP datagrams, <c>POST /api/v1/flows</c>) to <c>flows</c>
/// and ownership events (<c>POST /api/v1/ownership</c>) to <c>ip-ownership</c>. Both go through bounded queues, so a
/// busy stream makes HTTP answer 429 and UDP drop (counted) instead of buffering without bound. With Kafka on, the
/// streams are the <see cref="FlowRoute"/>'s, which the Kafka producer jobs write to the topics, and an HTTP request
/// is answered once the broker holds its records.
/// </summary>
[Description("Takes flows (UDP binary datagrams, POST /api/v1/flows) and ownership events (POST /api/v1/ownership) and publishes them to flows and ip-ownership.")]
internal sealed class FlowIngestJob(FlowIngestGate gate, FlowRoute route) : StreamJob<FlowIngestParameters>
{
    /// <inheritdoc />
    protected override JobGraph Build(JobContext context, FlowIngestParameters parameters)
    {
        var flows = Source.Queue<FlowRecord>(parameters.QueueCapacity)
            .MapMaterializedValue(queue =>
            {
                gate.Attach(queue, parameters, awaitsDelivery: route == FlowRoute.ThroughKafka);
                return queue;
            })
            .Named("flow-queue")
            .To(context.Publish<FlowRecord>(route.FlowStream));
        var events = Source.Queue<OwnershipEvent>(parameters.QueueCapacity)
            .MapMaterializedValue(queue =>
            {
                gate.Attach(queue);
                return queue;
            })
            .Named("ownership-queue")
            .To(context.Publish<OwnershipEvent>(route.OwnershipStream));
        return JobGraph.Combine(JobGraph.From(flows), JobGraph.From(events));
    }
}
