using StreamJobs.Acknowledgement;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.TailSampler;

/// <summary>A kept trace, as published to <c>sampled-traces</c>.</summary>
/// <param name="Trace">The trace.</param>
/// <param name="Policy">The policy that kept it (for a late trace: the policy that kept its trace id earlier).</param>
/// <param name="Late">True when these are late spans of a trace already kept: store them with the earlier ones.</param>
public sealed record SampledTrace(Trace Trace, string Policy, bool Late) : IHasReceipts
{
    /// <summary>Retains the receipt of every span of the trace.</summary>
    void IHasReceipts.RetainReceipts(int count) => ((IHasReceipts)Trace).RetainReceipts(count);

    /// <summary>Completes the receipt of every span of the trace.</summary>
    void IHasReceipts.CompleteReceipts() => ((IHasReceipts)Trace).CompleteReceipts();
}
