using System.ComponentModel;
using StreamJobs.Jobs;
using StreamJobs.Streams;

namespace MyJob;

/// <summary>Passes on the readings at or above a threshold. Replace with your own logic.</summary>
[Description("Passes on the readings at or above a threshold.")]
public sealed class ThresholdJob : StreamJob<ThresholdParameters>
{
    protected override JobGraph Build(JobContext context, ThresholdParameters parameters) =>
        context.Subscribe<Reading>(parameters.Input)
            .Where(reading => reading.Value >= parameters.Threshold)
            .To(context.Publish<Reading>(parameters.Output));
}
