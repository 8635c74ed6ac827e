using System.ComponentModel;
using Microsoft.Extensions.Options;
using StreamJobs.IO;
using StreamJobs.Jobs;
using StreamJobs.TailSampler;

namespace StreamJobs.Host.Demo;

/// <summary>Writes the <c>sampled-traces</c> stream to NDJSON files, one kept trace (with its policy) per line.</summary>
[Description("Archives the sampled-traces stream as NDJSON (one kept trace per line, with its policy) in the demo data folder.")]
internal sealed class TraceArchiveJob(IOptions<DemoOptions> options) : StreamJob
{
    /// <inheritdoc />
    public override JobGraph Build(JobContext context) =>
        context.Subscribe<SampledTrace>(TailSamplerJob.OutputStream).To(FileSinks.Ndjson<SampledTrace>(
            new NdjsonFileOptions { Directory = options.Value.DataDirectory, Prefix = "sampled-traces" },
            SampledTraceJsonWriter.Write));
}
