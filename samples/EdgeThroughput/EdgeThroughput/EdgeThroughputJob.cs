using System.ComponentModel;
using StreamJobs.FlowEnricher;
using StreamJobs.Jobs;
using StreamJobs.Streams;
using StreamJobs.Windows;

namespace EdgeThroughput;

/// <summary>
/// Throughput and retransmit rate per edge, from the enriched flows the built-in FlowEnricher publishes: how a CDN
/// operator sees which ISP or edge appliance is degrading.
/// </summary>
[Description("Throughput and retransmit rate per edge (remote application) per window, from enriched flows.")]
public sealed class EdgeThroughputJob : StreamJob<EdgeThroughputParameters>
{
    protected override JobGraph Build(JobContext context, EdgeThroughputParameters parameters) =>
        context.Subscribe<EnrichedFlow>("enriched-flows")
            .Where(flow => flow.RemoteApp is not null)
            .KeyBy(flow => flow.RemoteApp!)
            .TumblingWindow(parameters.Window,
                flow => DateTimeOffset.FromUnixTimeMilliseconds(flow.Flow.EndUnixMs),
                create: _ => new EdgeStats(),
                add: (stats, flow) => stats.Add(flow),
                result: window => new EdgeThroughputReport(
                    window.Key,
                    window.Start,
                    window.Accumulator.Flows,
                    window.Accumulator.Bytes / parameters.Window.TotalSeconds,
                    window.Accumulator.Packets == 0 ? 0 : (double)window.Accumulator.Retransmits / window.Accumulator.Packets))
            .Where(report => report.Flows >= parameters.MinFlows)
            .To(context.Publish<EdgeThroughputReport>("edge-throughput"));
}
