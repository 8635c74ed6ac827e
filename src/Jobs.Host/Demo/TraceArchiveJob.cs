using System.ComponentModel;
using Microsoft.Extensions.Options;
using StreamJobs.Host.Connectors;
using StreamJobs.IO;
using StreamJobs.Jobs;
using StreamJobs.Streams;
using StreamJobs.TailSampler;

namespace StreamJobs.Host.Demo;

/// <summary>
/// Writes the <c>sampled-traces</c> stream to NDJSON files, one kept trace (with its policy) per line. When the
/// archive is the only store (no Cassandra, embedded store disabled), it completes the spans' receipts after each write, so a Kafka source can
/// commit; with Cassandra on, the trace store does that once the rows are acknowledged. <c>run --kafka</c> without
/// <c>--cassandra</c> registers it too, so the spans of kept traces get committed.
/// </summary>
[Description("Archives the sampled-traces stream as NDJSON (one kept trace per line, with its policy) in StreamJobs:Demo:DataDirectory.")]
internal sealed class TraceArchiveJob(IOptions<DemoOptions> options, IConfiguration configuration) : StreamJob
{
    public const string Name = "trace-archive";

    /// <inheritdoc />
    public override JobGraph Build(JobContext context)
    {
        // Beside a trace store the archive is a side copy: it neither holds nor completes the kept traces' receipts.
        var isTheStore = !Query.TraceStoreServiceExtensions.HasTraceStore(configuration);
        return context.Subscribe<SampledTrace>(TailSamplerJob.OutputStream, completesReceipts: isTheStore).To(FileSinks.Ndjson<SampledTrace>(
            new NdjsonFileOptions { Directory = options.Value.DataDirectory, Prefix = "sampled-traces" },
            SampledTraceJsonWriter.Write,
            isTheStore ? CompleteReceipts : null));
    }

    private static void CompleteReceipts(Batch<SampledTrace> batch)
    {
        foreach (var sampled in batch)
        {
            var spans = sampled.Trace.Spans;
            for (var i = 0; i < spans.Count; i++) spans[i].Receipt.Complete();
        }
    }
}
