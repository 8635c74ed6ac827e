using System.ComponentModel;
using Microsoft.Extensions.Options;
using StreamJobs.FlowEnricher;
using StreamJobs.FlowEnricher.Windows;
using StreamJobs.Host.Demo;
using StreamJobs.IO;
using StreamJobs.Jobs;

namespace StreamJobs.Host.Flows;

/// <summary>Writes the <c>flow-windows</c> stream to NDJSON files in the demo data folder, one window per line.</summary>
[Description("Archives the flow-windows stream as NDJSON (one window per app pair per line) in the demo data folder.")]
internal sealed class FlowWindowArchiveJob(IOptions<DemoOptions> options) : StreamJob
{
    /// <inheritdoc />
    public override JobGraph Build(JobContext context) =>
        context.Subscribe<FlowWindow>(FlowWindowJob.OutputStream).To(FileSinks.Ndjson<FlowWindow>(
            new NdjsonFileOptions { Directory = options.Value.DataDirectory, Prefix = "flow-windows" },
            FlowWindowJsonWriter.Write));
}
