using StreamJobs.Acknowledgement;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.FlowEnricher.Tests.Support;
using StreamJobs.TestKit;
using static StreamJobs.FlowEnricher.Tests.Support.Flows;

namespace StreamJobs.FlowEnricher.Tests.Jobs;

/// <summary>The enricher with ownership replayed from a shared topic: flows wait until the history has arrived.</summary>
public sealed class FlowEnricherCatchUpTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    private static FlowEnricherParameters Parameters() => new()
    {
        Shards = 3, // more shards than this machine may have cores: the guarantees must hold sharded
        MaxWait = TimeSpan.FromSeconds(30),
        MaxEventLateness = TimeSpan.FromSeconds(10),
        TickInterval = Tick,
    };

    [Fact]
    public async Task Flows_are_held_until_the_ownership_history_has_arrived_so_a_handover_not_yet_read_is_not_missed()
    {
        var catchUp = new SettableCatchUp();
        await using var harness = new JobHarness(new FlowEnricherJob(), Parameters(), new ServiceSet(new FlowEnricherMetrics(), catchUp));
        var output = harness.Output<EnrichedFlow>(FlowEnricherJob.OutputStream);
        await harness.StartAsync();
        long now = HarnessClock.NowMs(harness);
        long handover = now - 60_000;

        // The replica starts: the first events of the history are in, the handover to B is not yet, and a flow after
        // the handover arrives. Attributed now, A's open range (settled long ago) would claim it.
        await harness.SendAsync(FlowEnricherJob.OwnershipStream,
            new OwnershipEvent(Ip("10.0.0.1"), "client", now - 600_000, OwnershipChange.Assigned),
            new OwnershipEvent(Ip("10.0.0.2"), "A", now - 600_000, OwnershipChange.Assigned));
        await harness.SendAsync(FlowEnricherJob.FlowStream, Flow("10.0.0.1", "10.0.0.2", handover + 1_000), Flow("10.0.0.1", "10.0.0.2", handover - 1_000));
        await HarnessClock.StageTookAsync(harness, "attribute", 4);
        catchUp.Target = 4; // the reader caught up at 4 events: two are still on their way
        for (var i = 0; i < 4; i++)
        {
            harness.Time.Advance(Tick);
            await Task.Delay(20);
        }
        Assert.Empty(output.Records);

        await harness.SendAsync(FlowEnricherJob.OwnershipStream,
            new OwnershipEvent(Ip("10.0.0.2"), "A", handover, OwnershipChange.Unassigned),
            new OwnershipEvent(Ip("10.0.0.2"), "B", handover, OwnershipChange.Assigned));
        var flows = await output.WaitForAsync(2);

        Assert.Equal(["B", "A"], flows.Select(f => f.RemoteApp));
        Assert.All(flows, f => Assert.Equal(("client", AttributionSource.Range), (f.LocalApp, f.RemoteSource)));

        // Caught up: later flows go straight through.
        await harness.SendAsync(FlowEnricherJob.FlowStream, Flow("10.0.0.1", "10.0.0.2", handover + 2_000));
        Assert.Equal("B", (await output.WaitForAsync(3))[2].RemoteApp);
    }

    [Fact]
    public async Task Flows_still_held_when_the_inputs_end_are_attributed_with_what_is_known_unless_they_can_be_replayed()
    {
        var catchUp = new SettableCatchUp();
        var metrics = new FlowEnricherMetrics();
        await using var harness = new JobHarness(new FlowEnricherJob(), Parameters(), new ServiceSet(metrics, catchUp));
        var output = harness.Output<EnrichedFlow>(FlowEnricherJob.OutputStream);
        await harness.StartAsync();
        long now = HarnessClock.NowMs(harness);
        var partition = new ReceiptWindow(64);
        Assert.True(partition.TryIssue(0, out var receipt));
        var replayable = Flow("10.0.0.3", "10.0.0.2", now - 60_000) with { Receipt = receipt };
        await harness.SendAsync(FlowEnricherJob.OwnershipStream, new OwnershipEvent(Ip("10.0.0.2"), "A", now - 600_000, OwnershipChange.Assigned));
        await harness.SendAsync(FlowEnricherJob.FlowStream, Flow("10.0.0.1", "10.0.0.2", now - 60_000), replayable);
        await harness.CompleteAsync();

        // The in-process flow is attributed with the history known; the one from Kafka is left for its replay, whose
        // attribution will see the whole history: released, so neither waited for nor committed.
        var flow = Assert.Single(await output.WaitForAsync(1));
        Assert.Equal(("A", (string?)null, "10.0.0.1"), (flow.RemoteApp, flow.LocalApp, flow.Flow.LocalIp.ToString()));
        Assert.Equal(0, partition.Pending);
        Assert.Equal(0, partition.Committable);
    }
}
