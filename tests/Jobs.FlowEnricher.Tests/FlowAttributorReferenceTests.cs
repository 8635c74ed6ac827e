using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.FlowEnricher.Synthetic;
using StreamJobs.FlowEnricher.Tests.Support;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Tests;

/// <summary>
/// The attributor's waiting structure (settle heap, parked flows re-checked only when their IP's history changed)
/// must decide exactly as re-checking every waiting flow on every re-check does.
/// </summary>
public sealed class FlowAttributorReferenceTests
{
    [Theory]
    [InlineData(1, 100_000, 0.3, 0.1)]
    [InlineData(2, 100_000, 0.0, 0.3)]
    [InlineData(3, 100_000, 0.6, 0.05)]
    [InlineData(4, 40, 0.3, 0.1)]
    public void Counts_and_attributions_match_a_plain_reference(int seed, int maxWaiting, double heartbeats, double eventless)
    {
        var scenario = new SyntheticFlowOptions
        {
            Seed = seed, Ips = 400, Applications = 8, Flows = 8_000, DurationMs = 300_000, ChurnFraction = 0.5,
            HandoversPerChurnedIp = 2, MinTenureMs = 40_000, HeartbeatFraction = heartbeats, EventlessFraction = eventless,
            FlowIntervalMs = 2_000, MaxExportDelayMs = 12_000,
        };
        var options = new FlowAttributorOptions { MaxWaiting = maxWaiting };
        var tableOptions = new IpOwnershipTableOptions { HeartbeatMaxGap = TimeSpan.FromSeconds(20) };
        var attributor = new FlowAttributor(new IpOwnershipTable(tableOptions), SyntheticFlowGenerator.CreateCidrTable(), options);
        var reference = new ReferenceAttributor(new IpOwnershipTable(tableOptions), SyntheticFlowGenerator.CreateCidrTable(), options);
        var actual = new CollectingSink();
        var expected = new CollectingSink();
        var batch = new List<FlowRecord>();
        long now = scenario.StartUnixMs;
        void Flush()
        {
            attributor.Add(batch.ToArray(), Flows.At(now), actual);
            reference.Add(batch, now, expected);
            batch.Clear();
        }

        foreach (var item in new SyntheticFlowGenerator(scenario).Generate())
        {
            if (item.ArrivalUnixMs > now && batch.Count > 0)
            {
                Flush();
            }

            now = Math.Max(now, item.ArrivalUnixMs);
            if (item.IsFlow)
            {
                batch.Add(item.Flow);
            }
            else
            {
                attributor.Apply(item.Event);
                reference.Apply(item.Event);
            }

            attributor.DrainDue(Flows.At(now), actual);
            reference.DrainDue(now, expected);
        }

        Flush();
        Assert.Equal(reference.Waiting, attributor.Waiting);
        attributor.DrainAll(actual);
        reference.DrainAll(expected);

        Assert.Equal(scenario.Flows, actual.Items.Count);
        Assert.True(reference.Late > 0 && reference.Unattributed > 0, $"the scenario must exercise waiting: {reference.Late} late, {reference.Unattributed} unattributed");
        Assert.Equal(
            (reference.Attributed, reference.Unattributed, reference.Late, reference.EvictedEarly),
            (attributor.Attributed, attributor.Unattributed, attributor.Late, attributor.EvictedEarly));
        Assert.Equal(Sorted(expected.Items), Sorted(actual.Items));
        if (maxWaiting < 100)
        {
            Assert.True(attributor.EvictedEarly > 0);
        }
    }

    private static List<EnrichedFlow> Sorted(List<EnrichedFlow> flows) =>
        [.. flows.OrderBy(f => f.Flow.StartUnixMs).ThenBy(f => f.Flow.LocalIp).ThenBy(f => f.Flow.RemoteIp).ThenBy(f => f.Flow.EndUnixMs)
            .ThenBy(f => f.Flow.LocalPort).ThenBy(f => f.LocalApp, StringComparer.Ordinal).ThenBy(f => f.RemoteApp, StringComparer.Ordinal)];
}
