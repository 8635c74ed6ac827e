using StreamJobs.Acknowledgement;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.FlowEnricher.Tests.Support;
using static StreamJobs.FlowEnricher.Tests.Support.Flows;

namespace StreamJobs.FlowEnricher.Tests;

/// <summary>A receipt is bookkeeping: a record read back from Kafka (with a receipt) equals the record written (without).</summary>
public sealed class RecordEqualityTests
{
    private readonly CountingReceiptTracker _tracker = new();

    [Fact]
    public void Flows_are_equal_whatever_their_receipts_and_differ_by_any_field()
    {
        var flow = Flow("10.0.0.1", "10.0.0.2", T0);
        var read = flow with { Receipt = new Receipt(_tracker, 7) };

        Assert.Equal(flow, read);
        Assert.Equal(flow.GetHashCode(), read.GetHashCode());
        Assert.NotEqual(flow, flow with { Retransmits = flow.Retransmits + 1 });
        Assert.NotEqual(flow, flow with { LocalWorkload = "other" });
        Assert.NotEqual(flow, flow with { SmoothedRttMicros = flow.SmoothedRttMicros + 1 });
    }

    [Fact]
    public void Ownership_events_are_equal_whatever_their_receipts_and_differ_by_any_field()
    {
        var assigned = new OwnershipEvent(Ip("10.0.0.1"), "api", T0, OwnershipChange.Assigned);
        var read = assigned with { Receipt = new Receipt(_tracker, 3) };

        Assert.Equal(assigned, read);
        Assert.True(assigned == read);
        Assert.Equal(assigned.GetHashCode(), read.GetHashCode());
        Assert.NotEqual(assigned, assigned with { Change = OwnershipChange.Unassigned });
        Assert.NotEqual(assigned, assigned with { Workload = "web" });
        Assert.NotEqual(assigned, assigned with { TimestampUnixMs = T0 + 1 });
        Assert.NotEqual(assigned, assigned with { Ip = Ip("10.0.0.2") });
    }
}
