using System.ComponentModel;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.FlowEnricher.Synthetic;
using StreamJobs.Jobs;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.Host.Flows;

/// <summary>
/// The demo's flow traffic: a synthetic world (applications owning IPs, IPs handed over mid-run, ownership events
/// arriving late, some flows carrying their identity) replayed against the clock, publishing flows to <c>flows</c>
/// and ownership events to <c>ip-ownership</c> (with Kafka: through the topics, <see cref="FlowRoute"/>), standing in
/// for exporters and the platform.
/// </summary>
[Description("Synthetic flow traffic with IP churn and late ownership events (→ flows, ip-ownership).")]
internal sealed class FlowTrafficJob(FlowRoute route) : StreamJob<FlowTrafficParameters>
{
    /// <inheritdoc />
    protected override JobGraph Build(JobContext context, FlowTrafficParameters parameters)
    {
        var time = context.Time;
        var items = Source.Generate(Replay(parameters, time)).Named("synthetic-flows");
        var events = Flow.Create<SyntheticItem>().Where(i => !i.IsFlow).Select(i => i.Event)
            .To(context.Publish<OwnershipEvent>(route.OwnershipStream));
        return items.AlsoTo(events).Where(i => i.IsFlow).Select(i => i.Flow)
            .To(context.Publish<FlowRecord>(route.FlowStream));
    }

    private static BatchGenerator<SyntheticItem> Replay(FlowTrafficParameters parameters, TimeProvider time)
    {
        IEnumerator<SyntheticItem>? items = null;
        bool held = false;
        return async (buffer, stopping) =>
        {
            items ??= Scenario(parameters, time.GetUtcNow().ToUnixTimeMilliseconds()).Generate().GetEnumerator();
            int count = 0;
            while (count == 0)
            {
                long now = time.GetUtcNow().ToUnixTimeMilliseconds();
                while (count < buffer.Length && (held || items.MoveNext()))
                {
                    if (items.Current.ArrivalUnixMs > now)
                    {
                        held = true;
                        break;
                    }

                    held = false;
                    buffer[count++] = items.Current;
                }

                if (count > 0 || !held)
                {
                    // Something to push, or the scenario is over (count 0 ends the source).
                    return count;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(20), time, stopping);
            }

            return count;
        };
    }

    private static SyntheticFlowGenerator Scenario(FlowTrafficParameters parameters, long startUnixMs) => new(new SyntheticFlowOptions
    {
        Seed = parameters.Seed,
        Applications = parameters.Applications,
        Ips = parameters.Ips,
        StartUnixMs = startUnixMs,
        DurationMs = (long)parameters.Duration.TotalMilliseconds,
        Flows = (int)Math.Min(int.MaxValue, (long)(parameters.Duration.TotalSeconds * parameters.FlowsPerSecond)),
        ChurnFraction = parameters.ChurnFraction,
        MaxEventLatenessMs = (long)parameters.MaxEventLateness.TotalMilliseconds,
        FlowIntervalMs = 2_000,
        MaxExportDelayMs = 1_000,
    });
}
