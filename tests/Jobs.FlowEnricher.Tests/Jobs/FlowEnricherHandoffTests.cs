using StreamJobs.Acknowledgement;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.FlowEnricher.Tests.Support;
using StreamJobs.Telemetry.Flows;
using StreamJobs.TestKit;
using static StreamJobs.FlowEnricher.Tests.Support.Flows;

namespace StreamJobs.FlowEnricher.Tests.Jobs;

/// <summary>
/// A flows partition revoked from this replica: its waiting or held flows, and those still on their way, are released
/// for the next owner (which replays and emits them) instead of emitted here too.
/// </summary>
public sealed class FlowEnricherHandoffTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    private static FlowEnricherParameters Parameters() => new()
    {
        Shards = 3, // more shards than this machine may have cores: the guarantees must hold sharded
        MaxWait = TimeSpan.FromSeconds(30),
        MaxEventLateness = TimeSpan.FromSeconds(10),
        TickInterval = Tick,
    };

    private static OwnershipEvent Assigned(string ip, string app, long t) => new(Ip(ip), app, t, OwnershipChange.Assigned);

    private static FlowRecord From(ReceiptWindow partition, long offset, FlowRecord flow)
    {
        Assert.True(partition.TryIssue(offset, out var receipt));
        return flow with { Receipt = receipt };
    }

    [Fact]
    public async Task Waiting_flows_of_a_revoked_partition_are_released_for_the_next_owner_instead_of_emitted()
    {
        var metrics = new FlowEnricherMetrics();
        var handoff = new ReceiptHandoff();
        await using var harness = new JobHarness(new FlowEnricherJob(), Parameters(), new ServiceSet(metrics, handoff));
        var output = harness.Output<EnrichedFlow>(FlowEnricherJob.OutputStream);
        await harness.StartAsync();
        long now = HarnessClock.NowMs(harness);
        var leaving = new ReceiptWindow(64);
        var staying = new ReceiptWindow(64);

        // Nobody is known to own 10.0.0.2 yet: every flow waits.
        await harness.SendAsync(FlowEnricherJob.OwnershipStream, Assigned("10.0.0.1", "client", now - 600_000));
        await harness.SendAsync(FlowEnricherJob.FlowStream,
            From(leaving, 0, Flow("10.0.0.1", "10.0.0.2", now - 60_000)),
            From(staying, 0, Flow("10.0.0.1", "10.0.0.2", now - 60_000, bytes: 7)),
            From(leaving, 1, Flow("10.0.0.1", "10.0.0.2", now - 2_000)));
        await HarnessClock.StageTookAsync(harness, "attribute", 4);
        await HarnessClock.AdvanceUntilAsync(harness, () => metrics.Waiting == 3, Tick, TimeSpan.FromSeconds(2), "the flows wait");

        handoff.Revoke([leaving]);
        await harness.SendAsync(FlowEnricherJob.FlowStream, From(leaving, 2, Flow("10.0.0.1", "10.0.0.2", now))); // still on its way
        await harness.SendAsync(FlowEnricherJob.OwnershipStream, Assigned("10.0.0.2", "server", now - 600_000));
        await HarnessClock.StageTookAsync(harness, "attribute", 6);
        await HarnessClock.AdvanceUntilAsync(harness, () => output.Records.Count >= 1 && metrics.Waiting == 0, Tick, TimeSpan.FromSeconds(40), "the staying flow is emitted");
        await harness.CompleteAsync();

        var flow = Assert.Single(output.Records);
        Assert.Equal((staying, 0L, "client", "server", 7UL), (flow.Flow.Receipt.Tracker, flow.Flow.Receipt.Position, flow.LocalApp, flow.RemoteApp, flow.Flow.BytesSent));
        Assert.Equal(0, leaving.Pending); // nothing of the leaving partition is waited for
        Assert.Equal(0, leaving.Committable); // and nothing of it is committed: the next owner replays all three
        Assert.Equal(1, staying.Pending); // emitted, waiting for the windows
        Assert.Equal((3L, 1L, 0L), (metrics.HandedOff, metrics.Attributed, metrics.Unattributed));
    }

    [Fact]
    public async Task Held_flows_of_a_revoked_partition_are_released_when_the_ownership_history_arrives()
    {
        var metrics = new FlowEnricherMetrics();
        var handoff = new ReceiptHandoff();
        var catchUp = new SettableCatchUp();
        await using var harness = new JobHarness(new FlowEnricherJob(), Parameters(), new ServiceSet(metrics, handoff, catchUp));
        var output = harness.Output<EnrichedFlow>(FlowEnricherJob.OutputStream);
        await harness.StartAsync();
        long now = HarnessClock.NowMs(harness);
        var leaving = new ReceiptWindow(64);
        var staying = new ReceiptWindow(64);

        await harness.SendAsync(FlowEnricherJob.OwnershipStream, Assigned("10.0.0.1", "client", now - 600_000));
        await harness.SendAsync(FlowEnricherJob.FlowStream,
            From(leaving, 0, Flow("10.0.0.1", "10.0.0.2", now - 60_000)),
            From(staying, 0, Flow("10.0.0.1", "10.0.0.2", now - 60_000, bytes: 7)));
        await HarnessClock.StageTookAsync(harness, "attribute", 3);

        // The partition leaves while its flow is held; then the history arrives, and only the staying flow goes on.
        handoff.Revoke([leaving]);
        catchUp.Target = 2;
        await harness.SendAsync(FlowEnricherJob.OwnershipStream, Assigned("10.0.0.2", "server", now - 600_000));
        await output.WaitForAsync(1);
        await harness.CompleteAsync();

        var flow = Assert.Single(output.Records);
        Assert.Equal((staying, "server"), (flow.Flow.Receipt.Tracker, flow.RemoteApp));
        Assert.Equal((0L, 0L), (leaving.Pending, leaving.Committable));
        Assert.Equal((1L, 1L, 0L), (metrics.HandedOff, metrics.Attributed, metrics.Waiting));
    }
}
