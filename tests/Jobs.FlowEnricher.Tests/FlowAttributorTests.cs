using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.FlowEnricher.Tests.Support;
using static StreamJobs.FlowEnricher.Tests.Support.Flows;

namespace StreamJobs.FlowEnricher.Tests;

public sealed class FlowAttributorTests
{
    private static readonly long Now = T0 + 60_000;

    private static FlowAttributor Create(CidrTable? cidr = null, int maxWaiting = 100) =>
        new(new IpOwnershipTable(), cidr, new FlowAttributorOptions { MaxWaiting = maxWaiting });

    private static void Assign(FlowAttributor attributor, string ip, string app, long t) =>
        attributor.Apply(new OwnershipEvent(Ip(ip), app, t, OwnershipChange.Assigned));

    [Fact]
    public void Settled_ranges_attribute_both_ends_at_once()
    {
        var attributor = Create();
        Assign(attributor, "10.0.0.1", "api", T0);
        Assign(attributor, "10.0.0.2", "db", T0);
        var sink = new CollectingSink();

        attributor.Add([Flow("10.0.0.1", "10.0.0.2", T0 + 1_000)], At(Now), sink);

        var flow = Assert.Single(sink.Items);
        Assert.Equal(("api", "db", AttributionSource.Range, AttributionSource.Range, false), (flow.LocalApp, flow.RemoteApp, flow.LocalSource, flow.RemoteSource, flow.Waited));
        Assert.Equal(1, attributor.Attributed);
    }

    [Fact]
    public void Handover_attributes_by_flow_start()
    {
        var attributor = Create();
        Assign(attributor, "10.0.0.1", "api", T0);
        Assign(attributor, "10.0.0.2", "a", T0);
        Assign(attributor, "10.0.0.2", "b", T0 + 10_000);
        var sink = new CollectingSink();

        attributor.Add([Flow("10.0.0.1", "10.0.0.2", T0 + 9_000), Flow("10.0.0.1", "10.0.0.2", T0 + 11_000)], At(Now), sink);

        Assert.Equal(["a", "b"], sink.Items.Select(f => f.RemoteApp));
    }

    [Fact]
    public void Waiting_flow_is_attributed_when_its_event_arrives()
    {
        var attributor = Create();
        var sink = new CollectingSink();
        attributor.Add([Flow("10.0.0.1", "10.0.0.2", T0, identity: "api")], At(Now), sink);
        Assert.Empty(sink.Items);
        Assert.Equal(1, attributor.Waiting);

        Assign(attributor, "10.0.0.2", "db", T0 - 1_000);
        attributor.DrainDue(At(Now + 100), sink);

        var flow = Assert.Single(sink.Items);
        Assert.Equal(("api", AttributionSource.Heartbeat, "db", true), (flow.LocalApp, flow.LocalSource, flow.RemoteApp, flow.Waited));
        Assert.Equal(1, attributor.Late);
    }

    [Fact]
    public void Flow_without_owner_in_time_is_emitted_unattributed_not_guessed()
    {
        var attributor = Create();
        var sink = new CollectingSink();
        attributor.Add([Flow("10.0.0.1", "10.0.0.2", T0, identity: "api")], At(Now), sink);

        attributor.DrainDue(At(Now + 29_000), sink);
        Assert.Empty(sink.Items);
        attributor.DrainDue(At(Now + 30_000), sink);
        Assign(attributor, "10.0.0.2", "db", T0 - 1_000);

        var flow = Assert.Single(sink.Items);
        Assert.Equal((null, AttributionSource.Unknown), (flow.RemoteApp, flow.RemoteSource));
        Assert.Equal(1, attributor.Unattributed);
    }

    [Fact]
    public void Young_event_range_waits_until_late_events_can_no_longer_split_it()
    {
        var attributor = Create();
        Assign(attributor, "10.0.0.2", "a", T0);
        var sink = new CollectingSink();
        attributor.Add([Flow("10.0.0.1", "10.0.0.2", T0 + 5_000, identity: "api")], At(T0 + 7_000), sink);
        Assert.Empty(sink.Items);

        // The handover to b at T0 + 4 s arrives 5 s late: the young range of a must not have been trusted.
        Assign(attributor, "10.0.0.2", "b", T0 + 4_000);
        attributor.DrainDue(At(T0 + 20_000), sink);

        Assert.Equal("b", Assert.Single(sink.Items).RemoteApp);
    }

    [Fact]
    public void Authoritative_cidr_applies_at_once_and_fallback_cidr_after_the_wait()
    {
        var cidr = new CidrTable();
        cidr.Add("203.0.113.0/24", "internet", authoritative: true);
        cidr.Add("10.9.0.0/16", "other-region");
        var attributor = Create(cidr);
        var sink = new CollectingSink();

        attributor.Add([Flow("10.0.0.1", "203.0.113.9", T0, identity: "api"), Flow("10.0.0.1", "10.9.1.1", T0, identity: "api")], At(Now), sink);
        Assert.Equal(("internet", AttributionSource.Cidr), (Assert.Single(sink.Items).RemoteApp, sink.Items[0].RemoteSource));
        attributor.DrainDue(At(Now + 30_000), sink);

        Assert.Equal("other-region", sink.Items[1].RemoteApp);
    }

    [Fact]
    public void At_the_waiting_bound_the_oldest_wait_ends_early_and_is_counted()
    {
        var attributor = Create(maxWaiting: 2);
        var sink = new CollectingSink();
        attributor.Add([Flow("10.0.0.1", "10.0.0.2", T0, identity: "x"), Flow("10.0.0.1", "10.0.0.3", T0, identity: "x"), Flow("10.0.0.1", "10.0.0.4", T0, identity: "x")], At(Now), sink);

        Assert.Equal(2, attributor.Waiting);
        Assert.Equal(1, attributor.EvictedEarly);
        Assert.Equal(Ip("10.0.0.2"), Assert.Single(sink.Items).Flow.RemoteIp);
    }

    [Fact]
    public void DrainAll_empties_the_queue()
    {
        var attributor = Create();
        var sink = new CollectingSink();
        attributor.Add([Flow("10.0.0.1", "10.0.0.2", T0), Flow("10.0.0.3", "10.0.0.4", T0)], At(Now), sink);

        attributor.DrainAll(sink);

        Assert.Equal(0, attributor.Waiting);
        Assert.Equal(2, sink.Items.Count);
        Assert.All(sink.Items, f => Assert.True(f.Waited));
    }

    [Fact]
    public void A_table_feeds_one_attributor_only()
    {
        // The attributor wakes waiting flows from the table's change log, which has one reader.
        var table = new IpOwnershipTable();
        _ = new FlowAttributor(table);
        Assert.Throws<InvalidOperationException>(() => new FlowAttributor(table));
    }

    [Fact]
    public void A_parked_flow_is_still_woken_after_an_expiry_numbers_the_ips_afresh()
    {
        // Waiting flows keep IP ids; a large expiry renumbers them, and a parked flow must still see its IP's next change.
        var table = new IpOwnershipTable(new IpOwnershipTableOptions { Retention = TimeSpan.FromMinutes(10) });
        var attributor = new FlowAttributor(table);
        for (uint i = 0; i < 1_000; i++)
        {
            table.RecordHeartbeat(StreamJobs.Telemetry.Flows.IpAddress.FromV4(0x0A010000 + i), "old", T0, T0 + 1_000);
        }

        long now = T0 + 700_000;
        Assign(attributor, "10.0.0.2", "x", now - 30_000);
        var sink = new CollectingSink();
        attributor.Add([Flow("10.0.0.1", "10.0.0.2", now - 60_000, identity: "api")], At(now), sink);
        attributor.DrainDue(At(now), sink);
        Assert.Equal((2, 1), (table.TrackedIps, attributor.Waiting));

        Assign(attributor, "10.0.0.2", "db", now - 90_000);
        attributor.DrainDue(At(now + 1_000), sink);

        var flow = Assert.Single(sink.Items);
        Assert.Equal(("api", "db", true), (flow.LocalApp, flow.RemoteApp, flow.Waited));
    }
}
