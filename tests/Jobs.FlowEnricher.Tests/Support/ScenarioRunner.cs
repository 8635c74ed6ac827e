using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.FlowEnricher.Synthetic;

namespace StreamJobs.FlowEnricher.Tests.Support;

/// <summary>Replays a synthetic scenario through an attributor in arrival order and checks it against ground truth.</summary>
internal static class ScenarioRunner
{
    public sealed record Outcome(int Emitted, int Misattributed, int AttributedEnds, int UnknownEnds, long Waiting);

    public static Outcome Run(SyntheticFlowOptions options, FlowAttributorOptions attributorOptions, int batchSize = 16)
    {
        var generator = new SyntheticFlowGenerator(options);
        var table = new IpOwnershipTable(new IpOwnershipTableOptions { HeartbeatMaxGap = TimeSpan.FromMilliseconds(options.MinTenureMs / 2) });
        var attributor = new FlowAttributor(table, SyntheticFlowGenerator.CreateCidrTable(), attributorOptions);
        var sink = new CollectingSink();
        var batch = new List<StreamJobs.Telemetry.Flows.FlowRecord>();
        long now = options.StartUnixMs;
        foreach (var item in generator.Generate())
        {
            if (item.ArrivalUnixMs > now && batch.Count > 0)
            {
                attributor.Add(batch.ToArray(), Flows.At(now), sink);
                batch.Clear();
            }

            now = Math.Max(now, item.ArrivalUnixMs);
            if (item.IsFlow)
            {
                batch.Add(item.Flow);
                if (batch.Count == batchSize)
                {
                    attributor.Add(batch.ToArray(), Flows.At(now), sink);
                    batch.Clear();
                }
            }
            else
            {
                attributor.Apply(item.Event);
            }

            attributor.DrainDue(Flows.At(now), sink);
        }

        attributor.Add(batch.ToArray(), Flows.At(now), sink);
        attributor.DrainDue(Flows.At(now + 60_000), sink);
        long waiting = attributor.Waiting;
        attributor.DrainAll(sink);

        int wrong = 0, known = 0, unknown = 0;
        foreach (var flow in sink.Items)
        {
            foreach (var (ip, app) in new[] { (flow.Flow.LocalIp, flow.LocalApp), (flow.Flow.RemoteIp, flow.RemoteApp) })
            {
                if (app is null)
                {
                    unknown++;
                }
                else if (app == generator.TrueOwner(ip, flow.Flow.StartUnixMs))
                {
                    known++;
                }
                else
                {
                    wrong++;
                }
            }
        }

        return new Outcome(sink.Items.Count, wrong, known, unknown, waiting);
    }
}
