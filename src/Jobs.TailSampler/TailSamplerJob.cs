using System.ComponentModel;
using StreamJobs.Jobs;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.TailSampler;

/// <summary>
/// Job 2 of the trace path: subscribes to <c>traces</c>, decides each whole trace with the configured policies, and
/// publishes the kept ones (with the policy that kept them) to <c>sampled-traces</c>. Late spans of a decided trace
/// follow the earlier decision.
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
        var options = parameters.ToOptions();
        var factory = new TracePolicyFactory(context.Time);
        var rules = factory.CreateRules(options);
        var metrics = context.Services.GetService(typeof(TailSamplerMetrics)) as TailSamplerMetrics ?? new TailSamplerMetrics();
        return context.Subscribe<Trace>(InputStream, completesReceipts: true)
            .Stateful(() => new TailSamplerLogic(new TraceSampler(rules, options.DecisionCacheSize), metrics), "sample")
            .To(context.Publish<SampledTrace>(OutputStream));
    }
}
