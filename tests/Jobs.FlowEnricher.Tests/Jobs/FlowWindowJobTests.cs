using StreamJobs.FlowEnricher.Tests.Support;
using StreamJobs.FlowEnricher.Windows;
using StreamJobs.TestKit;
using static StreamJobs.FlowEnricher.Tests.Support.Flows;

namespace StreamJobs.FlowEnricher.Tests.Jobs;

public sealed class FlowWindowJobTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);

    private static FlowWindowParameters Parameters() => new()
    {
        Shards = 3, // more shards than this machine may have cores: the guarantees must hold sharded
        WindowSize = TimeSpan.FromMinutes(1),
        AllowedLateness = TimeSpan.FromSeconds(45),
        TickInterval = Tick,
    };

    private static EnrichedFlow Enriched(string? local, string? remote, long start, uint rtt, ulong bytes, string localIp = "10.0.0.1") =>
        new(Flow(localIp, "10.0.0.2", start, rtt: rtt, bytes: bytes), local, remote,
            local is null ? AttributionSource.Unknown : AttributionSource.Range, remote is null ? AttributionSource.Unknown : AttributionSource.Range, false);

    [Fact]
    public async Task Windows_through_the_engine_match_a_LINQ_computation_exactly()
    {
        await using var harness = new JobHarness(new FlowWindowJob(), Parameters(), new SingleServiceProvider(new FlowEnricherMetrics()));
        var output = harness.Output<FlowWindow>(FlowWindowJob.OutputStream);
        await harness.StartAsync();
        long origin = HarnessClock.NowMs(harness) - 240_000;
        var random = new Random(7);
        string?[] apps = ["api", "db", "cache", null];
        var flows = Enumerable.Range(0, 5_000).Select(_ => Enriched(
            apps[random.Next(apps.Length)], apps[random.Next(apps.Length)], origin + random.Next(0, 180_000),
            random.Next(5) == 0 ? 0u : (uint)random.Next(100, 90_000), (ulong)random.Next(0, 1_000_000))).ToArray();

        await harness.SendAsync(FlowWindowJob.InputStream, flows);
        await harness.CompleteAsync();

        var expected = flows
            .GroupBy(f => (Start: f.Flow.StartUnixMs - (f.Flow.StartUnixMs % 60_000), f.LocalApp, f.RemoteApp))
            .Select(g =>
            {
                var rtts = g.Select(f => f.Flow.SmoothedRttMicros).Where(r => r != 0).Order().ToArray();
                uint Rank(double q) => rtts.Length == 0 ? 0 : rtts[(int)Math.Max(1, Math.Ceiling(q * rtts.Length)) - 1];
                return (g.Key.Start, g.Key.LocalApp, g.Key.RemoteApp, Flows: (long)g.Count(),
                    Sent: g.Aggregate(0UL, (s, f) => s + f.Flow.BytesSent), Received: g.Aggregate(0UL, (s, f) => s + f.Flow.BytesReceived),
                    Retransmits: g.Aggregate(0UL, (s, f) => s + f.Flow.Retransmits), Samples: (long)rtts.Length, P50: Rank(0.5), P90: Rank(0.9), P99: Rank(0.99));
            })
            .OrderBy(w => w.Start).ThenBy(w => w.LocalApp).ThenBy(w => w.RemoteApp).ToList();
        await output.WaitForAsync(expected.Count);
        var actual = output.Records
            .Select(w => (w.WindowStartUnixMs, w.LocalApp, w.RemoteApp, w.Flows, w.BytesSent, w.BytesReceived, w.Retransmits, w.RttSamples, w.RttP50Micros, w.RttP90Micros, w.RttP99Micros))
            .OrderBy(w => w.WindowStartUnixMs).ThenBy(w => w.LocalApp).ThenBy(w => w.RemoteApp).ToList();

        Assert.True(expected.Count > 40);
        Assert.Equal(expected, actual);
        Assert.All(output.Records, w => Assert.True(w.RttExact));
    }

    [Fact]
    public async Task A_window_closes_on_the_clock_and_later_flows_for_it_are_counted_as_dropped()
    {
        var metrics = new FlowEnricherMetrics();
        await using var harness = new JobHarness(new FlowWindowJob(), Parameters(), new SingleServiceProvider(metrics));
        var output = harness.Output<FlowWindow>(FlowWindowJob.OutputStream);
        await harness.StartAsync();
        long now = HarnessClock.NowMs(harness);
        long windowStart = now - (now % 60_000);

        await harness.SendAsync(FlowWindowJob.InputStream, Enriched("api", "db", windowStart + 1_000, 500, 10), Enriched("api", "db", windowStart + 2_000, 700, 20));
        await HarnessClock.StageTookAsync(harness, "window", 2);
        await HarnessClock.AdvanceUntilAsync(harness, () => HarnessClock.NowMs(harness) >= windowStart + 60_000 + 44_000, Tick, TimeSpan.FromMinutes(2), "almost closing time");
        Assert.Empty(output.Records);

        await HarnessClock.AdvanceUntilAsync(harness, () => output.Records.Count == 1, Tick, TimeSpan.FromSeconds(5), "the window closes");
        var window = Assert.Single(output.Records);
        Assert.Equal((windowStart, "api", "db", 2L, 30UL, 500u, 700u), (window.WindowStartUnixMs, window.LocalApp, window.RemoteApp, window.Flows, window.BytesSent, window.RttP50Micros, window.RttP99Micros));

        await harness.SendAsync(FlowWindowJob.InputStream, Enriched("api", "db", windowStart + 3_000, 900, 5));
        await harness.CompleteAsync();
        Assert.Single(output.Records);
        Assert.Equal(1, harness.Metrics.Single(m => m.Stage == "window").Dropped);
        Assert.Equal((1L, 1L), (metrics.Windows, metrics.WindowLateDropped));
    }
}
