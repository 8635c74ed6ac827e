using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Telemetry.Flows;
using StreamJobs.TestKit;
using static StreamJobs.FlowEnricher.Tests.Support.Flows;

namespace StreamJobs.FlowEnricher.Tests;

public sealed class FlowAttributorAllocationTests
{
    [Fact]
    public void Flows_that_resolve_at_once_or_after_waiting_allocate_nothing_once_warm()
    {
        var attributor = new FlowAttributor(new IpOwnershipTable());
        var flows = new FlowRecord[64];
        for (int i = 0; i < flows.Length; i++)
        {
            string local = $"10.0.{i}.1", remote = $"10.1.{i}.1";
            attributor.Apply(new OwnershipEvent(Ip(local), "api", T0, OwnershipChange.Assigned));
            attributor.Apply(new OwnershipEvent(Ip(remote), "db", T0, OwnershipChange.Assigned));
            flows[i] = Flow(local, remote, 0);
        }

        var sink = new CountingSink();
        long now = T0 + 60_000;
        void Round()
        {
            // Half the flows started long ago (resolve at once), half just now (wait for their start to settle).
            for (int i = 0; i < flows.Length; i++)
            {
                flows[i] = flows[i] with { StartUnixMs = i % 2 == 0 ? now - 30_000 : now - 1_000, EndUnixMs = now - 500 };
            }

            attributor.Add(flows, At(now), sink);
            now += 1_000;
            attributor.DrainDue(At(now), sink);
        }

        for (int i = 0; i < 100; i++)
        {
            Round();
        }

        long emittedBefore = sink.Count;
        var allocated = Allocations.UntilQuiet(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                Round();
            }
        });

        Assert.True(allocated[^1] == 0, $"bytes allocated per 100 rounds: {string.Join(", ", allocated)}");
        Assert.Equal(allocated.Count * 100 * flows.Length, sink.Count - emittedBefore);
        Assert.True(attributor.Late > 0 && attributor.Unattributed == 0, $"late {attributor.Late}, unattributed {attributor.Unattributed}");
    }

    private sealed class CountingSink : IEnrichedFlowSink
    {
        public long Count { get; private set; }

        public void Accept(in EnrichedFlow flow) => Count++;
    }
}
