using System.ComponentModel;
using StreamJobs.Jobs;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Windows;

namespace StreamJobs.TailSampler;

/// <summary>
/// Job 2 of the trace path: subscribes to <c>traces</c>, decides each whole trace with the configured policies, and
/// publishes the kept ones (with the policy that kept them) to <c>sampled-traces</c>. Late spans of a decided trace
/// follow the earlier decision. Runs as parallel shards by trace id, so a trace's late spans reach the shard that
/// remembers its decision. Each shard has its own policies (a policy is called by one thread at a time); rate limits
/// are one budget shared by the shards.
/// </summary>
[Description("Tail-samples whole traces with configurable policies (traces → sampled-traces).")]
public sealed class TailSamplerJob : StreamJob<TailSamplerParameters>
{
    /// <summary>The stream it reads.</summary>
    public const string InputStream = "traces";

    /// <summary>The stream it publishes.</summary>
    public const string OutputStream = "sampled-traces";

    /// <inheritdoc />
    protected override JobGraph Build(JobContext context, TailSamplerParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parameters);
        var shards = parameters.EffectiveShards;
        var options = parameters.ToOptions(shards);
        var factory = new TracePolicyFactory(context.Time);
        _ = factory.CreateRules(options); // configuration errors stop the start, not the first shard
        var metrics = context.Services.GetService(typeof(TailSamplerMetrics)) as TailSamplerMetrics ?? new TailSamplerMetrics();
        return context.Subscribe<Trace>(InputStream, completesReceipts: true)
            .KeyBy(trace => trace.TraceId)
            .Stateful(() => new TailSamplerLogic(new TraceSampler(factory.CreateRules(options), options.DecisionCacheSize), metrics), shards, "sample")
            .To(context.Publish<SampledTrace>(OutputStream));
    }
}
