using System.ComponentModel;
using StreamJobs.Jobs;
using StreamJobs.Streams;
using StreamJobs.Windows;

namespace StreamJobs.Tests.Readme;

public sealed record SpanSummary(string Service, DateTimeOffset Timestamp, bool IsError);

public sealed record ServiceErrors(string Service, DateTimeOffset Minute, long Errors);

[Description("Counts error spans per service per minute.")]
public sealed class ErrorsPerServiceJob : StreamJob
{
    public override JobGraph Build(JobContext context) =>
        context.Subscribe<SpanSummary>("span-summaries")
            .Where(span => span.IsError)
            .KeyBy(span => span.Service)
            .TumblingWindow(TimeSpan.FromMinutes(1), span => span.Timestamp,
                create: _ => 0L,
                add: (count, _) => count + 1,
                result: window => new ServiceErrors(window.Key, window.Start, window.Accumulator))
            .To(context.Publish<ServiceErrors>("errors-per-service"));
}
