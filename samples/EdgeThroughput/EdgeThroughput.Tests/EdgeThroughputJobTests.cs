using StreamJobs.FlowEnricher;
using StreamJobs.Telemetry.Flows;
using StreamJobs.TestKit;

namespace EdgeThroughput.Tests;

public sealed class EdgeThroughputJobTests
{
    [Fact]
    public async Task Reports_throughput_and_retransmit_rate_per_edge_when_the_window_closes()
    {
        await using var harness = new JobHarness(new EdgeThroughputJob(), new EdgeThroughputParameters { Window = TimeSpan.FromSeconds(10) });
        var reports = harness.Output<EdgeThroughputReport>("edge-throughput");
        await harness.StartAsync();
        var start = harness.Time.GetUtcNow();
        await harness.SendAsync("enriched-flows",
            Flow("isp-east", start.AddSeconds(1), bytes: 1_000, packets: 10, retransmits: 1),
            Flow("isp-east", start.AddSeconds(2), bytes: 3_000, packets: 30, retransmits: 1),
            Flow("isp-west", start.AddSeconds(3), bytes: 500, packets: 5, retransmits: 0),
            Flow(null, start.AddSeconds(4), bytes: 9_999, packets: 99, retransmits: 9));
        await harness.WaitUntilTakenAsync("tumbling-window", 3);
        Assert.Empty(reports.Records);

        harness.Time.Advance(TimeSpan.FromSeconds(10));
        var closed = await reports.WaitForAsync(2);
        Assert.Equal(
            [new EdgeThroughputReport("isp-east", start, 2, 400, 0.05), new EdgeThroughputReport("isp-west", start, 1, 50, 0)],
            closed.OrderBy(r => r.Edge));
    }

    private static EnrichedFlow Flow(string? edge, DateTimeOffset end, ulong bytes, uint packets, uint retransmits) => new(
        new FlowRecord { EndUnixMs = end.ToUnixTimeMilliseconds(), BytesSent = bytes, PacketsSent = packets, Retransmits = retransmits },
        "cdn", edge, AttributionSource.Range, edge is null ? AttributionSource.Unknown : AttributionSource.Cidr, false);
}
