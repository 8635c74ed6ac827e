using System.ComponentModel;
using Microsoft.Extensions.Options;
using StreamJobs.IO;
using StreamJobs.Jobs;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Zipkin;

namespace StreamJobs.Host.Demo;

/// <summary>Writes the <c>spans</c> stream to NDJSON files (Zipkin v2 JSON, one span per line) under the demo's data folder.</summary>
[Description("Archives the spans stream as Zipkin v2 NDJSON files in the demo data folder.")]
internal sealed class SpanArchiveJob(IOptions<DemoOptions> options) : StreamJob
{
    /// <inheritdoc />
    public override JobGraph Build(JobContext context) =>
        context.Subscribe<Span>("spans").To(FileSinks.Ndjson<Span>(
            new NdjsonFileOptions { Directory = options.Value.DataDirectory, Prefix = "spans" },
            ZipkinJsonWriter.Write));
}
