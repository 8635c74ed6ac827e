using System.ComponentModel;
using StreamJobs.Jobs;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Spans;

namespace MyJob;

/// <summary>Publishes the spans slower than a threshold as <see cref="SlowSpan"/> records. Replace with your own logic.</summary>
[Description("Publishes the spans slower than a threshold on the slow-spans stream.")]
public sealed class SlowSpansJob : StreamJob<SlowSpansParameters>
{
    protected override JobGraph Build(JobContext context, SlowSpansParameters parameters) =>
        context.Subscribe<Span>("spans")
            .Where(span => span.Duration.TotalMilliseconds >= parameters.ThresholdMs)
            .Select(span => new SlowSpan(span.ServiceName ?? "unknown", span.Name, span.TraceId.ToString(), span.Duration.TotalMilliseconds))
            .To(context.Publish<SlowSpan>("slow-spans"));
}
