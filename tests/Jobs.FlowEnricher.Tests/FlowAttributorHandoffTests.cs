using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.FlowEnricher.Synthetic;
using StreamJobs.FlowEnricher.Tests.Support;
using StreamJobs.Telemetry.Flows;
using static StreamJobs.FlowEnricher.Tests.Support.Flows;

namespace StreamJobs.FlowEnricher.Tests;

/// <summary>
/// Releasing the waiting flows of a partition that left (<see cref="FlowAttributor.ReleaseWaitingWhere"/>) frees
/// their slots mid-wait, leaving stale references in the arrival ring, the settle heap and the parked list: the
/// attributor must go on deciding exactly as the plain reference that simply forgets those flows.
/// </summary>
public sealed class FlowAttributorHandoffTests
{
    [Theory]
    [InlineData(11, 100_000)]
    [InlineData(12, 40)]
    public void Releasing_the_waiting_flows_of_a_partition_keeps_decisions_equal_to_a_plain_reference(int seed, int maxWaiting)
    {
        var scenario = new SyntheticFlowOptions
        {
            Seed = seed, Ips = 400, Applications = 8, Flows = 8_000, DurationMs = 300_000, ChurnFraction = 0.5,
            HandoversPerChurnedIp = 2, MinTenureMs = 40_000, HeartbeatFraction = 0.2, EventlessFraction = 0.1,
            FlowIntervalMs = 2_000, MaxExportDelayMs = 12_000,
        };
        var options = new FlowAttributorOptions { MaxWaiting = maxWaiting };
        var tableOptions = new IpOwnershipTableOptions { HeartbeatMaxGap = TimeSpan.FromSeconds(20) };
        var attributor = new FlowAttributor(new IpOwnershipTable(tableOptions), SyntheticFlowGenerator.CreateCidrTable(), options);
        var reference = new ReferenceAttributor(new IpOwnershipTable(tableOptions), SyntheticFlowGenerator.CreateCidrTable(), options);
        var partitions = new[] { new ReleaseRecordingTracker(), new ReleaseRecordingTracker(), new ReleaseRecordingTracker() };
        var actual = new CollectingSink();
        var expected = new CollectingSink();
        var batch = new List<FlowRecord>();
        long now = scenario.StartUnixMs;
        int flows = 0, handoffs = 0, released = 0;
        void Flush()
        {
            attributor.Add(batch.ToArray(), At(now), actual);
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
                batch.Add(item.Flow with { Receipt = partitions[flows % partitions.Length].Issue() });
                if (++flows % 997 == 0)
                {
                    // A partition leaves (and comes back: it keeps issuing) while flows of it wait in every state.
                    Flush();
                    var leaving = partitions[handoffs++ % partitions.Length];
                    int count = attributor.ReleaseWaitingWhere(receipt => ReferenceEquals(receipt.Tracker, leaving));
                    Assert.Equal(reference.RemoveWhere(f => ReferenceEquals(f.Receipt.Tracker, leaving)), count);
                    Assert.Equal(reference.Waiting, attributor.Waiting);
                    released += count;
                }
            }
            else
            {
                attributor.Apply(item.Event);
                reference.Apply(item.Event);
            }

            attributor.DrainDue(At(now), actual);
            reference.DrainDue(now, expected);
        }

        Flush();
        Assert.Equal(reference.Waiting, attributor.Waiting);
        attributor.DrainAll(actual);
        reference.DrainAll(expected);

        Assert.True(released > 50, $"the handoffs must catch waiting flows: {released} released");
        Assert.Equal(released, partitions.Sum(p => p.Released.Count));
        Assert.Equal(scenario.Flows, actual.Items.Count + released);
        Assert.DoesNotContain(actual.Items, f => f.Flow.Receipt.Tracker is ReleaseRecordingTracker t && t.Released.Contains(f.Flow.Receipt.Position));
        Assert.Equal(
            (reference.Attributed, reference.Unattributed, reference.Late, reference.EvictedEarly),
            (attributor.Attributed, attributor.Unattributed, attributor.Late, attributor.EvictedEarly));
        Assert.Equal(Sorted(expected.Items), Sorted(actual.Items));
    }

    [Fact]
    public void Released_flows_are_not_emitted_and_the_rest_still_wait_and_resolve()
    {
        var attributor = new FlowAttributor(new IpOwnershipTable());
        var leaving = new ReleaseRecordingTracker();
        var staying = new ReleaseRecordingTracker();
        var sink = new CollectingSink();
        long now = T0 + 60_000;
        var flows = new[]
        {
            Flow("10.0.0.1", "10.0.0.2", T0, identity: "api") with { Receipt = leaving.Issue() },
            Flow("10.0.0.1", "10.0.0.3", T0, identity: "api") with { Receipt = staying.Issue() },
            Flow("10.0.0.1", "10.0.0.2", now - 1_000, identity: "api") with { Receipt = leaving.Issue() }, // not settled yet
            Flow("10.0.0.1", "10.0.0.3", now - 1_000, identity: "api"), // no receipt: never handed off
        };
        attributor.Add(flows, At(now), sink);
        Assert.Equal(4, attributor.Waiting);

        Assert.Equal(2, attributor.ReleaseWaitingWhere(receipt => ReferenceEquals(receipt.Tracker, leaving)));
        Assert.Equal(0, attributor.ReleaseWaitingWhere(receipt => ReferenceEquals(receipt.Tracker, leaving)));

        Assert.Equal([0L, 1L], leaving.Released.Order());
        Assert.Empty(staying.Released);
        Assert.Equal(2, attributor.Waiting);
        attributor.Apply(new OwnershipEvent(Ip("10.0.0.2"), "db", T0 - 1_000, OwnershipChange.Assigned));
        attributor.Apply(new OwnershipEvent(Ip("10.0.0.3"), "cache", T0 - 1_000, OwnershipChange.Assigned));
        attributor.DrainDue(At(now + 20_000), sink);

        Assert.Equal(["cache", "cache"], sink.Items.Select(f => f.RemoteApp));
        Assert.Equal((2L, 0L, 2L, 0), (attributor.Attributed, attributor.Unattributed, attributor.Late, attributor.Waiting));
    }

    private static List<EnrichedFlow> Sorted(List<EnrichedFlow> flows) =>
        [.. flows.OrderBy(f => f.Flow.StartUnixMs).ThenBy(f => f.Flow.LocalIp).ThenBy(f => f.Flow.RemoteIp).ThenBy(f => f.Flow.EndUnixMs)
            .ThenBy(f => f.Flow.LocalPort).ThenBy(f => f.LocalApp, StringComparer.Ordinal).ThenBy(f => f.RemoteApp, StringComparer.Ordinal)];
}
