using StreamJobs.FlowEnricher;
using StreamJobs.Jobs;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.Host.Tests.Flows.Support;

/// <summary>A subscriber of <c>flows</c> that never finishes its first batch, so backpressure fills the ingest queue.</summary>
internal sealed class StalledFlowsJob : StreamJob
{
    public override JobGraph Build(JobContext context) =>
        JobGraph.From(context.Subscribe<FlowRecord>(FlowEnricherJob.FlowStream)
            .To(Sink.ForEachBatch<FlowRecord>(async (_, cancelled) => await Task.Delay(Timeout.Infinite, cancelled))));
}
