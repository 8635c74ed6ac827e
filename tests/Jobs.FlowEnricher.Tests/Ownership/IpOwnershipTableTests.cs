using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.FlowEnricher.Tests.Support;
using static StreamJobs.FlowEnricher.Tests.Support.Flows;

namespace StreamJobs.FlowEnricher.Tests.Ownership;

public sealed class IpOwnershipTableTests
{
    private static readonly StreamJobs.Telemetry.Flows.IpAddress A1 = Ip("10.0.0.1");

    private static OwnershipEvent Assign(string workload, long t) => new(A1, workload, t, OwnershipChange.Assigned);

    private static OwnershipEvent Unassign(string workload, long t) => new(A1, workload, t, OwnershipChange.Unassigned);

    private static string? Owner(IpOwnershipTable table, long t) => table.TryGetOwner(A1, t, out var w) ? w : null;

    [Fact]
    public void Handover_attributes_to_A_before_and_B_after()
    {
        var table = new IpOwnershipTable();
        table.Apply(Assign("a", T0));
        table.Apply(Assign("b", T0 + 10_000));

        Assert.Equal("a", Owner(table, T0 + 9_999));
        Assert.Equal("b", Owner(table, T0 + 10_000));
        Assert.Null(Owner(table, T0 - 1));
    }

    [Fact]
    public void Late_out_of_order_events_give_the_same_ranges_as_in_order()
    {
        OwnershipEvent[] events = [Assign("a", T0), Unassign("a", T0 + 5_000), Assign("b", T0 + 6_000), Unassign("b", T0 + 9_000), Assign("c", T0 + 9_000)];
        var inOrder = new IpOwnershipTable();
        var shuffled = new IpOwnershipTable();
        foreach (var e in events) { inOrder.Apply(e); }
        foreach (var e in events.Reverse()) { shuffled.Apply(e); }

        for (long t = T0 - 1_000; t < T0 + 12_000; t += 250)
        {
            Assert.Equal(Owner(inOrder, t), Owner(shuffled, t));
        }

        Assert.Equal("a", Owner(shuffled, T0 + 4_999));
        Assert.Null(Owner(shuffled, T0 + 5_500));
        Assert.Equal("b", Owner(shuffled, T0 + 8_999));
        Assert.Equal("c", Owner(shuffled, T0 + 9_000));
    }

    [Fact]
    public void Unassignment_of_another_workload_leaves_a_gap_instead_of_a_guess()
    {
        var table = new IpOwnershipTable();
        table.Apply(Assign("a", T0));
        table.Apply(Unassign("b", T0 + 10_000));

        Assert.Null(Owner(table, T0 + 5_000));
        Assert.Equal(OwnerLookupStatus.NotCovered, table.Lookup(A1, T0 + 5_000, long.MaxValue).Status);
    }

    [Fact]
    public void Duplicate_events_are_counted_and_change_nothing()
    {
        var table = new IpOwnershipTable();
        table.Apply(Assign("a", T0));
        long version = table.Version;
        table.Apply(Assign("a", T0));

        Assert.Equal(1, table.DuplicateEvents);
        Assert.Equal(version, table.Version);
    }

    [Fact]
    public void Heartbeats_alone_build_ranges_glued_within_the_gap()
    {
        var table = new IpOwnershipTable(new IpOwnershipTableOptions { HeartbeatMaxGap = TimeSpan.FromSeconds(10) });
        table.RecordHeartbeat(A1, "a", T0, T0 + 1_000);
        table.RecordHeartbeat(A1, "a", T0 + 5_000, T0 + 6_000);
        table.RecordHeartbeat(A1, "a", T0 + 30_000, T0 + 31_000);

        var ranges = new List<OwnershipRange>();
        table.CopyRanges(A1, ranges);
        Assert.Equal([new("a", T0, T0 + 6_001, OwnershipEvidence.Heartbeat), new("a", T0 + 30_000, T0 + 31_001, OwnershipEvidence.Heartbeat)], ranges);
        Assert.Equal("a", Owner(table, T0 + 3_000));
        Assert.Null(Owner(table, T0 + 20_000));
    }

    [Fact]
    public void Heartbeats_arriving_out_of_order_merge_to_the_same_range()
    {
        var table = new IpOwnershipTable(new IpOwnershipTableOptions { HeartbeatMaxGap = TimeSpan.FromSeconds(10) });
        table.RecordHeartbeat(A1, "a", T0 + 8_000, T0 + 9_000);
        table.RecordHeartbeat(A1, "a", T0, T0 + 1_000);
        table.RecordHeartbeat(A1, "a", T0 + 4_000, T0 + 5_000);

        var ranges = new List<OwnershipRange>();
        table.CopyRanges(A1, ranges);
        Assert.Equal([new("a", T0, T0 + 9_001, OwnershipEvidence.Heartbeat)], ranges);
    }

    [Fact]
    public void Heartbeats_do_not_glue_across_another_workload()
    {
        var table = new IpOwnershipTable(new IpOwnershipTableOptions { HeartbeatMaxGap = TimeSpan.FromSeconds(60) });
        table.RecordHeartbeat(A1, "a", T0, T0 + 1_000);
        table.RecordHeartbeat(A1, "b", T0 + 5_000, T0 + 6_000);
        table.RecordHeartbeat(A1, "a", T0 + 10_000, T0 + 11_000);

        Assert.Null(Owner(table, T0 + 3_000));
        Assert.Equal("b", Owner(table, T0 + 5_500));
        Assert.Null(Owner(table, T0 + 8_000));
    }

    [Fact]
    public void Heartbeat_never_overrides_an_event_range_of_another_workload()
    {
        var table = new IpOwnershipTable();
        table.Apply(Assign("a", T0));
        table.RecordHeartbeat(A1, "b", T0 + 5_000, T0 + 6_000);

        Assert.Equal(OwnerLookupStatus.Pending, table.Lookup(A1, T0 + 5_500, long.MaxValue).Status);
        Assert.Equal("a", Owner(table, T0 + 1_000));
    }

    [Fact]
    public void Event_range_younger_than_the_settle_horizon_is_pending_unless_a_heartbeat_confirms_it()
    {
        var table = new IpOwnershipTable();
        table.Apply(Assign("a", T0));

        Assert.Equal(OwnerLookupStatus.Pending, table.Lookup(A1, T0 + 5_000, settledUntilUnixMs: T0 + 1_000).Status);
        table.RecordHeartbeat(A1, "a", T0 + 5_000, T0 + 5_000);
        var confirmed = table.Lookup(A1, T0 + 5_000, settledUntilUnixMs: T0 + 1_000);
        Assert.Equal((OwnerLookupStatus.Owned, "a", OwnershipEvidence.Event), (confirmed.Status, confirmed.Workload, confirmed.Evidence));
    }

    [Fact]
    public void Learned_ranges_replicate_to_another_table_idempotently()
    {
        var source = new IpOwnershipTable();
        source.RecordHeartbeat(A1, "a", T0, T0 + 1_000);
        source.RecordHeartbeat(Ip("fd00::7"), "b", T0, T0 + 2_000);
        var learned = new List<LearnedRange>();
        long cursor = source.CollectLearnedSince(0, learned);

        var replica = new IpOwnershipTable();
        foreach (var range in learned) { replica.ApplyLearned(range); }
        long version = replica.Version;
        foreach (var range in learned) { replica.ApplyLearned(range); }

        Assert.Equal(2, learned.Count);
        Assert.Equal(version, replica.Version);
        Assert.Equal("b", replica.TryGetOwner(Ip("fd00::7"), T0 + 1_500, out var w) ? w : null);
        var none = new List<LearnedRange>();
        source.CollectLearnedSince(cursor, none);
        Assert.Empty(none);
    }

    [Fact]
    public void A_heartbeat_range_extended_in_the_index_alone_is_what_every_reader_sees()
    {
        // The first heartbeat goes into the history; the next ones only extend its newest range, which the index entry
        // takes alone. Lookups older than the newest event, learned ranges, copies and expiry must all see the extension.
        var table = new IpOwnershipTable(new IpOwnershipTableOptions { Retention = TimeSpan.FromSeconds(2) });
        table.RecordHeartbeat(A1, "a", T0, T0 + 1_000);
        table.Apply(Assign("a", T0 + 3_000));
        long cursor = table.CollectLearnedSince(0, new List<LearnedRange>());
        long version = table.Version;
        table.RecordHeartbeat(A1, "a", T0 + 1_000, T0 + 5_000);
        table.RecordHeartbeat(A1, "a", T0 + 2_000, T0 + 4_000);

        Assert.True(table.Version > version);
        var atTwoSeconds = table.Lookup(A1, T0 + 2_000, long.MinValue);
        Assert.Equal((OwnerLookupStatus.Owned, "a", OwnershipEvidence.Heartbeat), (atTwoSeconds.Status, atTwoSeconds.Workload, atTwoSeconds.Evidence));
        var learned = new List<LearnedRange>();
        table.CollectLearnedSince(cursor, learned);
        Assert.Equal([new LearnedRange(A1, "a", T0, T0 + 5_000)], learned);

        // A horizon past the history's old end but inside the extended range: the range stays.
        table.Expire(T0 + 6_000);
        var ranges = new List<OwnershipRange>();
        table.CopyRanges(A1, ranges);
        Assert.Contains(new OwnershipRange("a", T0, T0 + 5_001, OwnershipEvidence.Heartbeat), ranges);
    }

    [Fact]
    public void Expiry_keeps_memory_bounded_and_keeps_the_current_owner()
    {
        var table = new IpOwnershipTable(new IpOwnershipTableOptions { Retention = TimeSpan.FromMinutes(10) });
        for (int i = 0; i < 1_000; i++)
        {
            table.RecordHeartbeat(StreamJobs.Telemetry.Flows.IpAddress.FromV4((uint)i), "old", T0, T0 + 1_000);
        }

        table.Apply(Assign("a", T0));
        long before = table.EstimateMemoryBytes();
        int removed = table.Expire(T0 + 3_600_000);

        Assert.Equal(1_000, removed);
        Assert.Equal(1, table.TrackedIps);
        Assert.True(table.EstimateMemoryBytes() < before / 100);
        Assert.Equal("a", Owner(table, T0 + 3_600_000));
    }

    [Fact]
    public void Expiry_forgets_events_before_the_newest_one_older_than_the_horizon()
    {
        var table = new IpOwnershipTable(new IpOwnershipTableOptions { Retention = TimeSpan.FromMinutes(10) });
        table.Apply(Assign("a", T0));
        table.Apply(Unassign("a", T0 + 60_000));
        table.Apply(Assign("b", T0 + 60_000));

        Assert.Equal(0, table.Expire(T0 + 600_000));
        Assert.Equal("a", Owner(table, T0 + 1_000));
        Assert.Equal(0, table.Expire(T0 + 660_001));

        // A's range ended before the horizon: forgotten; B's assignment still defines the owner.
        Assert.Null(Owner(table, T0 + 1_000));
        Assert.Equal("b", Owner(table, T0 + 3_600_000));
    }

    [Fact]
    public void Expiry_forgets_an_ip_whose_only_event_is_an_old_unassignment()
    {
        var table = new IpOwnershipTable(new IpOwnershipTableOptions { Retention = TimeSpan.FromMinutes(10) });
        table.Apply(Unassign("a", T0 + 1_000));

        Assert.Equal(1, table.Expire(T0 + 601_001));
        Assert.Equal(0, table.TrackedIps);
    }

    [Fact]
    public void Capacity_bound_rejects_new_ips_and_counts_them()
    {
        var table = new IpOwnershipTable(new IpOwnershipTableOptions { MaxTrackedIps = 2 });
        for (uint i = 0; i < 5; i++)
        {
            table.RecordHeartbeat(StreamJobs.Telemetry.Flows.IpAddress.FromV4(i), "a", T0, T0);
        }

        Assert.Equal(2, table.TrackedIps);
        Assert.Equal(3, table.RejectedAtCapacity);
    }
}
