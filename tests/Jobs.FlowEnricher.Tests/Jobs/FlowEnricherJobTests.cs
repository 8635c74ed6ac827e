using System.ComponentModel.DataAnnotations;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.FlowEnricher.Tests.Support;
using StreamJobs.TestKit;
using StreamJobs.Telemetry.Flows;
using static StreamJobs.FlowEnricher.Tests.Support.Flows;

namespace StreamJobs.FlowEnricher.Tests.Jobs;

public sealed class FlowEnricherJobTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    private static FlowEnricherParameters Parameters() => new()
    {
        Shards = 3, // more shards than this machine may have cores: the guarantees must hold sharded
        MaxWait = TimeSpan.FromSeconds(30),
        MaxEventLateness = TimeSpan.FromSeconds(10),
        TickInterval = Tick,
        AuthoritativeBlocks = ["203.0.113.0/24=internet"],
    };

    private static OwnershipEvent Assigned(string ip, string app, long t) => new(Ip(ip), app, t, OwnershipChange.Assigned);

    private static OwnershipEvent Unassigned(string ip, string app, long t) => new(Ip(ip), app, t, OwnershipChange.Unassigned);

    [Fact]
    public async Task Handover_from_A_to_B_attributes_A_before_and_B_after_through_the_engine()
    {
        var metrics = new FlowEnricherMetrics();
        await using var harness = new JobHarness(new FlowEnricherJob(), Parameters(), Services(metrics));
        var output = harness.Output<EnrichedFlow>(FlowEnricherJob.OutputStream);
        await harness.StartAsync();
        long now = HarnessClock.NowMs(harness);
        long handover = now - 60_000;
        await harness.SendAsync(FlowEnricherJob.OwnershipStream,
            Assigned("10.0.0.1", "client", now - 600_000),
            Assigned("10.0.0.2", "A", now - 600_000),
            Unassigned("10.0.0.2", "A", handover),
            Assigned("10.0.0.2", "B", handover));
        await HarnessClock.StageTookAsync(harness, "attribute", 4);

        await harness.SendAsync(FlowEnricherJob.FlowStream,
            Flow("10.0.0.1", "10.0.0.2", handover - 1_000),
            Flow("10.0.0.1", "10.0.0.2", handover + 1_000),
            Flow("10.0.0.1", "203.0.113.9", handover));
        var flows = (await output.WaitForAsync(3)).OrderBy(f => f.Flow.StartUnixMs).ToList(); // shards keep order per flow only

        Assert.Equal(["A", "internet", "B"], flows.Select(f => f.RemoteApp));
        Assert.All(flows, f => Assert.Equal(("client", false), (f.LocalApp, f.Waited)));
        Assert.Equal([AttributionSource.Range, AttributionSource.Cidr, AttributionSource.Range], flows.Select(f => f.RemoteSource));
        harness.Time.Advance(Tick);
        await HarnessClock.AdvanceUntilAsync(harness, () => metrics.Attributed == 3, Tick, TimeSpan.FromSeconds(5), "counters reported");
        Assert.Equal(0, metrics.Unattributed);
    }

    [Fact]
    public async Task A_late_event_attributes_a_waiting_flow_when_it_arrives()
    {
        var metrics = new FlowEnricherMetrics();
        await using var harness = new JobHarness(new FlowEnricherJob(), Parameters(), Services(metrics));
        var output = harness.Output<EnrichedFlow>(FlowEnricherJob.OutputStream);
        await harness.StartAsync();
        long now = HarnessClock.NowMs(harness);

        await harness.SendAsync(FlowEnricherJob.FlowStream, Flow("10.0.0.1", "10.0.0.2", now - 20_000, identity: "api"));
        await HarnessClock.StageTookAsync(harness, "attribute", 1);
        await HarnessClock.AdvanceUntilAsync(harness, () => metrics.Waiting == 1, Tick, TimeSpan.FromSeconds(2), "the flow waits");
        Assert.Empty(output.Records);

        // The event took effect before the flow started but arrives only now.
        await harness.SendAsync(FlowEnricherJob.OwnershipStream, Assigned("10.0.0.2", "db", now - 120_000));
        await HarnessClock.AdvanceUntilAsync(harness, () => output.Records.Count == 1, Tick, TimeSpan.FromSeconds(5), "the flow is re-checked");

        var flow = Assert.Single(output.Records);
        Assert.Equal(("api", AttributionSource.Heartbeat, "db", AttributionSource.Range, true), (flow.LocalApp, flow.LocalSource, flow.RemoteApp, flow.RemoteSource, flow.Waited));
        await HarnessClock.AdvanceUntilAsync(harness, () => metrics.Late == 1 && metrics.Waiting == 0, Tick, TimeSpan.FromSeconds(2), "counters reported");
    }

    [Fact]
    public async Task A_wait_that_ran_out_ends_with_the_next_batch_when_the_timer_is_late()
    {
        // A busy stage gets its timer late; the next batch must end waits that ran out, not leave them for the tick.
        var metrics = new FlowEnricherMetrics();
        var parameters = Parameters();
        parameters.Shards = 1;
        parameters.TickInterval = TimeSpan.FromMinutes(1);
        await using var harness = new JobHarness(new FlowEnricherJob(), parameters, Services(metrics));
        var output = harness.Output<EnrichedFlow>(FlowEnricherJob.OutputStream);
        await harness.StartAsync();
        long now = HarnessClock.NowMs(harness);

        await harness.SendAsync(FlowEnricherJob.FlowStream, Flow("10.0.0.1", "10.9.9.9", now - 5_000, identity: "api"));
        await HarnessClock.StageTookAsync(harness, "attribute", 1);
        harness.Time.Advance(TimeSpan.FromSeconds(31));
        await harness.SendAsync(FlowEnricherJob.FlowStream, Flow("10.0.0.1", "203.0.113.9", now, identity: "api"));

        var flows = await output.WaitForAsync(2);
        Assert.Equal([("10.9.9.9", (string?)null, true), ("203.0.113.9", "internet", false)],
            flows.Select(f => (f.Flow.RemoteIp.ToString(), f.RemoteApp, f.Waited)));
    }

    [Fact]
    public async Task A_flow_nobody_owns_is_emitted_unattributed_after_the_wait_and_not_before()
    {
        var metrics = new FlowEnricherMetrics();
        await using var harness = new JobHarness(new FlowEnricherJob(), Parameters(), Services(metrics));
        var output = harness.Output<EnrichedFlow>(FlowEnricherJob.OutputStream);
        await harness.StartAsync();
        long now = HarnessClock.NowMs(harness);

        await harness.SendAsync(FlowEnricherJob.FlowStream, Flow("10.0.0.1", "10.9.9.9", now - 5_000, identity: "api"));
        await HarnessClock.StageTookAsync(harness, "attribute", 1);
        await HarnessClock.AdvanceUntilAsync(harness, () => HarnessClock.NowMs(harness) >= now + 29_000, Tick, TimeSpan.FromSeconds(30), "almost the wait");
        Assert.Empty(output.Records);

        await HarnessClock.AdvanceUntilAsync(harness, () => output.Records.Count == 1, Tick, TimeSpan.FromSeconds(3), "the wait ends");
        var flow = Assert.Single(output.Records);
        Assert.Equal(("api", (string?)null, AttributionSource.Unknown, true), (flow.LocalApp, flow.RemoteApp, flow.RemoteSource, flow.Waited));
        await HarnessClock.AdvanceUntilAsync(harness, () => metrics.Unattributed == 1, Tick, TimeSpan.FromSeconds(2), "counters reported");
        Assert.Equal(0, metrics.Attributed);
    }

    [Fact]
    public async Task Malformed_events_are_counted_and_dropped_while_good_flows_are_attributed()
    {
        var metrics = new FlowEnricherMetrics();
        await using var harness = new JobHarness(new FlowEnricherJob(), Parameters(), Services(metrics));
        var output = harness.Output<EnrichedFlow>(FlowEnricherJob.OutputStream);
        await harness.StartAsync();
        long now = HarnessClock.NowMs(harness);

        await harness.SendAsync(FlowEnricherJob.OwnershipStream,
            new OwnershipEvent(Ip("10.0.0.2"), "", now - 60_000, OwnershipChange.Assigned),
            new OwnershipEvent(Ip("10.0.0.2"), "x", now - 60_000, (OwnershipChange)9),
            Assigned("10.0.0.2", "db", now - 60_000));
        await HarnessClock.StageTookAsync(harness, "attribute", 3);
        await harness.SendAsync(FlowEnricherJob.FlowStream, Flow("10.0.0.1", "10.0.0.2", now - 30_000, identity: "api"));

        var flow = Assert.Single(await output.WaitForAsync(1));
        Assert.Equal("db", flow.RemoteApp);
        Assert.Equal(2, harness.Metrics.Single(m => m.Stage == "attribute").Dropped);
        await harness.CompleteAsync();
        Assert.Equal(2, metrics.InvalidEvents);
    }

    [Fact]
    public async Task Completing_the_inputs_ends_every_wait_so_no_flow_is_lost()
    {
        await using var harness = new JobHarness(new FlowEnricherJob(), Parameters(), Services(new FlowEnricherMetrics()));
        var output = harness.Output<EnrichedFlow>(FlowEnricherJob.OutputStream);
        await harness.StartAsync();
        long now = HarnessClock.NowMs(harness);
        var flows = Enumerable.Range(0, 500).Select(i => Flow($"10.0.{i / 200}.{(i % 200) + 1}", "10.1.0.1", now - i)).ToArray();

        await harness.SendAsync(FlowEnricherJob.FlowStream, flows);
        // The job ends when both of its inputs have ended.
        await harness.SendAsync<OwnershipEvent>(FlowEnricherJob.OwnershipStream);
        await harness.CompleteAsync();

        var emitted = await output.WaitForAsync(500);
        Assert.Equal(500, emitted.Count);
        Assert.All(emitted, f => Assert.True(f.Waited && f.RemoteApp is null));
    }

    [Theory]
    [InlineData("00:00:20", "00:00:10", null, true)]
    [InlineData("00:00:05", "00:00:10", null, false)]
    [InlineData("00:00:30", "00:00:10", "10.0.0.0/33=x", false)]
    [InlineData("00:00:30", "00:00:10", "10.0.0.0/8", false)]
    public void Parameters_are_validated(string maxWait, string lateness, string? block, bool valid)
    {
        var parameters = new FlowEnricherParameters
        {
            MaxWait = TimeSpan.Parse(maxWait, System.Globalization.CultureInfo.InvariantCulture),
            MaxEventLateness = TimeSpan.Parse(lateness, System.Globalization.CultureInfo.InvariantCulture),
            FallbackBlocks = block is null ? [] : [block],
        };
        var results = new List<ValidationResult>();

        Assert.Equal(valid, Validator.TryValidateObject(parameters, new ValidationContext(parameters), results, validateAllProperties: true));
        if (!valid)
        {
            Assert.NotEmpty(results[0].MemberNames);
        }
    }

    private static IServiceProvider Services(FlowEnricherMetrics metrics) => new SingleServiceProvider(metrics);
}
