using System.ComponentModel;
using StreamJobs.FlowEnricher.Windows;
using StreamJobs.Jobs;
using StreamJobs.Streams;
using StreamJobs.Windows;

namespace StreamJobs.FlowEnricher;

/// <summary>
/// Aggregates <c>enriched-flows</c> into tumbling windows (default 1 minute, by flow start) per (local app, remote app):
/// flows, bytes and packets each way, retransmits and RTT p50/p90/p99, published to <c>flow-windows</c>. Runs as
/// parallel shards by app pair, so each pair's window is whole on one shard.
/// </summary>
[Description("Tumbling windows per (local app, remote app) with flows, bytes, retransmits and RTT percentiles (enriched-flows → flow-windows).")]
public sealed class FlowWindowJob : StreamJob<FlowWindowParameters>
{
    /// <summary>The stream it reads.</summary>
    public const string InputStream = FlowEnricherJob.OutputStream;

    /// <summary>The stream it publishes.</summary>
    public const string OutputStream = "flow-windows";

    /// <inheritdoc />
    protected override JobGraph Build(JobContext context, FlowWindowParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parameters);
        var metrics = context.Services.GetService(typeof(FlowEnricherMetrics)) as FlowEnricherMetrics ?? new FlowEnricherMetrics();
        return context.Subscribe<EnrichedFlow>(InputStream, parameters.CompleteReceipts)
            .KeyBy(flow => (flow.LocalApp, flow.RemoteApp))
            .Stateful(() => new FlowWindowLogic(parameters, metrics), parameters.EffectiveShards, "window")
            .To(context.Publish<FlowWindow>(OutputStream));
    }
}
