using System.ComponentModel;
using StreamJobs.Jobs;
using StreamJobs.Streams;
using StreamJobs.TailSampler;

namespace StreamJobs.Replicas.Benchmarks;

/// <summary>
/// The benchmark's stand-in for the trace store: takes <c>sampled-traces</c> and completes the receipts of every kept
/// span, as the Cassandra sink does once the rows are acknowledged, so the group's offsets can reach the end of the
/// topic without a database. <c>streamjobs run --kafka</c> without <c>--cassandra</c> has no subscriber of
/// <c>sampled-traces</c>, so without this job the kept traces' receipts would never complete.
/// </summary>
[Description("Benchmark sink: completes the receipts of the sampled-traces stream's spans and keeps nothing.")]
internal sealed class ReceiptSinkJob : StreamJob
{
    public const string Name = "bench-receipt-sink";

    /// <inheritdoc />
    public override JobGraph Build(JobContext context) =>
        context.Subscribe<SampledTrace>(TailSamplerJob.OutputStream).To(Sink.ForEachBatch<SampledTrace>(static (batch, _) =>
        {
            foreach (var sampled in batch)
            {
                var spans = sampled.Trace.Spans;
                for (var i = 0; i < spans.Count; i++) spans[i].Receipt.Complete();
            }
            return default;
        }));
}
