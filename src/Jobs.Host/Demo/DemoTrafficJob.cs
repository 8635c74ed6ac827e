using System.ComponentModel;
using StreamJobs.Jobs;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Synthetic;

namespace StreamJobs.Host.Demo;

/// <summary>Publishes synthetic spans to the <c>spans</c> stream (or the configured one) at a steady rate, standing in for real ingest.</summary>
[Description("Synthetic traffic: a small service graph producing spans with errors, retries, warnings and realistic latencies.")]
public sealed class DemoTrafficJob : StreamJob<DemoTrafficParameters>
{
    /// <inheritdoc />
    protected override JobGraph Build(JobContext context, DemoTrafficParameters parameters)
    {
        var time = context.Time;
        return Source.Generate(Pace(parameters, time)).Named("synthetic-spans").To(context.Publish<Span>(parameters.Stream));
    }

    private static BatchGenerator<Span> Pace(DemoTrafficParameters parameters, TimeProvider time)
    {
        var generator = new SyntheticTraceGenerator(parameters.Seed);
        var pending = new List<Span>();
        var started = time.GetTimestamp();
        long tracesDue = 0;
        return async (buffer, stopping) =>
        {
            while (pending.Count == 0)
            {
                var due = (long)(time.GetElapsedTime(started).TotalSeconds * parameters.TracesPerSecond);
                var traces = (int)Math.Min(due - tracesDue, 10_000);
                if (traces > 0)
                {
                    tracesDue += traces;
                    generator.Generate(traces, time.GetUtcNow(), pending);
                }
                else
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(10), time, stopping);
                }
            }
            var count = Math.Min(buffer.Length, pending.Count);
            pending.CopyTo(0, buffer, 0, count);
            pending.RemoveRange(0, count);
            return count;
        };
    }
}
