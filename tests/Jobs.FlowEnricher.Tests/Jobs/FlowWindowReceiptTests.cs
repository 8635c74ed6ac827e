using StreamJobs.Acknowledgement;
using StreamJobs.FlowEnricher.Tests.Support;
using StreamJobs.TestKit;
using static StreamJobs.FlowEnricher.Tests.Support.Flows;

namespace StreamJobs.FlowEnricher.Tests.Jobs;

/// <summary>The windows as the end of the chain for receipts (a Kafka flows source commits past what they took).</summary>
public sealed class FlowWindowReceiptTests
{
    private static EnrichedFlow Enriched(long start, Receipt receipt) =>
        new(Flow("10.0.0.1", "10.0.0.2", start) with { Receipt = receipt }, "a", "b", AttributionSource.Range, AttributionSource.Range, false);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Each_flow_taken_into_a_window_completes_its_receipt_unless_a_later_sink_does(bool completeReceipts)
    {
        var tracker = new CountingReceiptTracker();
        var parameters = new FlowWindowParameters { Shards = 3, CompleteReceipts = completeReceipts, TickInterval = TimeSpan.FromMilliseconds(100) };
        await using var harness = new JobHarness(new FlowWindowJob(), parameters, new SingleServiceProvider(new FlowEnricherMetrics()));
        await harness.StartAsync();
        long now = HarnessClock.NowMs(harness);

        // Two flows in an open window and one whose window closed long ago (dropped as late: finished with too).
        await harness.SendAsync(FlowWindowJob.InputStream, Enriched(now - 1_000, new Receipt(tracker, 1)), Enriched(now - 2_000, new Receipt(tracker, 2)), Enriched(now - 1_000, Receipt.None));
        await HarnessClock.StageTookAsync(harness, "window", 3);
        await harness.SendAsync(FlowWindowJob.InputStream, Enriched(now - 3_600_000, new Receipt(tracker, 3)));
        await HarnessClock.StageTookAsync(harness, "window", 4);
        // The stage counts a batch in just before it processes it.
        var deadline = DateTime.UtcNow.AddSeconds(completeReceipts ? 5 : 0.3);
        while (tracker.Completed.Count < 3 && DateTime.UtcNow < deadline) await Task.Delay(10);

        Assert.Equal(completeReceipts ? [1L, 2L, 3L] : [], tracker.Completed.Order());
    }
}
