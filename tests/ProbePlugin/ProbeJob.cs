using System.ComponentModel;
using StreamJobs.Jobs;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Spans;

namespace ProbePlugin;

/// <summary>Publishes the spans named "probe" to the stream <c>probe</c>; its presence in /jobs shows the plugin was loaded.</summary>
[Description("Spans named probe, republished (a test plugin).")]
public sealed class ProbeJob : StreamJob<ProbeParameters>
{
    protected override JobGraph Build(JobContext context, ProbeParameters parameters) =>
        context.Subscribe<Span>("spans").Where(span => span.Name == "probe").To(context.Publish<Span>("probe"));
}
