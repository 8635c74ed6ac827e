using StreamJobs.Acknowledgement;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.TailSampler;

/// <summary>
/// Decides each trace with a <see cref="TraceSampler"/>; kept traces go on with the policy that kept them, dropped
/// ones are counted as the stage's drops and their spans' receipts completed (nothing downstream will finish them,
/// and an uncompleted receipt would hold back its source's commits). This covers late spans of a dropped trace too.
/// The sampler (with its decision cache) lives as long as the stage.
/// </summary>
internal sealed class TailSamplerLogic(TraceSampler sampler, TailSamplerMetrics metrics) : StageLogic<Trace, SampledTrace>
{
    public override void OnRecord(Trace record, Emitter<SampledTrace> output)
    {
        var decision = sampler.Decide(record);
        metrics.Count(decision, record.Spans.Count);
        if (decision.Keep) output.Emit(new SampledTrace(record, decision.Policy, decision.Late));
        else
        {
            Context.Metrics.AddDropped(1);
            ((IHasReceipts)record).CompleteReceipts();
        }
    }
}
