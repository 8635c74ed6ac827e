using StreamJobs.FlowEnricher.Windows;
using StreamJobs.Telemetry.Flows;
using static StreamJobs.FlowEnricher.Tests.Support.Flows;

namespace StreamJobs.FlowEnricher.Tests.Windows;

public sealed class FlowWindowAggregatorTests
{
    private static EnrichedFlow Enriched(FlowRecord flow, string? local, string? remote) =>
        new(flow, local, remote, AttributionSource.Range, AttributionSource.Range, false);

    private static List<EnrichedFlow> RandomFlows(int count, int seed)
    {
        var random = new Random(seed);
        string?[] apps = ["api", "db", "cache", null];
        return [.. Enumerable.Range(0, count).Select(_ => Enriched(
            Flow("10.0.0.1", "10.0.0.2", T0 + random.Next(0, 180_000), rtt: (uint)random.Next(0, 5_000), bytes: (ulong)random.Next(1, 10_000)),
            apps[random.Next(apps.Length)], apps[random.Next(apps.Length)]))];
    }

    private static uint NearestRank(List<uint> sorted, double q) => sorted.Count == 0 ? 0 : sorted[(int)Math.Max(1, Math.Ceiling(q * sorted.Count)) - 1];

    [Fact]
    public void Aggregates_match_a_straightforward_linq_computation()
    {
        var flows = RandomFlows(5_000, 3);
        var aggregator = new FlowWindowAggregator();
        var windows = new List<FlowWindow>();
        aggregator.Add(flows.ToArray());
        aggregator.CloseAll(windows);

        var expected = flows
            .GroupBy(f => (Start: f.Flow.StartUnixMs / 60_000 * 60_000, f.LocalApp, f.RemoteApp))
            .ToDictionary(g => g.Key, g =>
            {
                var rtts = g.Select(f => f.Flow.SmoothedRttMicros).Where(r => r != 0).Order().ToList();
                return (Flows: (long)g.Count(), Sent: g.Aggregate(0UL, (s, f) => s + f.Flow.BytesSent), Received: g.Aggregate(0UL, (s, f) => s + f.Flow.BytesReceived),
                    Retransmits: g.Aggregate(0UL, (s, f) => s + f.Flow.Retransmits), Samples: (long)rtts.Count,
                    P50: NearestRank(rtts, 0.5), P90: NearestRank(rtts, 0.9), P99: NearestRank(rtts, 0.99));
            });

        Assert.Equal(expected.Count, windows.Count);
        foreach (var w in windows)
        {
            var e = expected[(w.WindowStartUnixMs, w.LocalApp, w.RemoteApp)];
            Assert.Equal(e, (w.Flows, w.BytesSent, w.BytesReceived, w.Retransmits, w.RttSamples, w.RttP50Micros, w.RttP90Micros, w.RttP99Micros));
            Assert.True(w.RttExact);
            Assert.Equal(w.WindowStartUnixMs + 60_000, w.WindowEndUnixMs);
        }
    }

    [Fact]
    public void Window_closes_only_after_end_plus_lateness_and_late_flows_are_counted()
    {
        var aggregator = new FlowWindowAggregator(new FlowWindowOptions { AllowedLateness = TimeSpan.FromSeconds(10) });
        var windows = new List<FlowWindow>();
        aggregator.Accept(Enriched(Flow("10.0.0.1", "10.0.0.2", T0 + 1_000), "a", "b"));
        long end = (T0 + 1_000) / 60_000 * 60_000 + 60_000;

        Assert.Equal(0, aggregator.CloseDue(At(end + 9_999), windows));
        Assert.Equal(1, aggregator.CloseDue(At(end + 10_000), windows));
        aggregator.Accept(Enriched(Flow("10.0.0.1", "10.0.0.2", T0 + 2_000), "a", "b"));

        Assert.Equal(1, aggregator.LateDropped);
        Assert.Single(windows);
    }

    [Fact]
    public void Too_many_open_windows_close_the_oldest_early_without_losing_it()
    {
        var aggregator = new FlowWindowAggregator(new FlowWindowOptions { MaxOpenWindows = 2 });
        for (int w = 0; w < 3; w++)
        {
            aggregator.Accept(Enriched(Flow("10.0.0.1", "10.0.0.2", T0 + (w * 60_000)), "a", "b"));
        }

        var windows = new List<FlowWindow>();
        aggregator.CloseAll(windows);

        Assert.Equal(1, aggregator.ClosedEarly);
        Assert.Equal(3, windows.Count);
        Assert.Equal(3, windows.Sum(w => w.Flows));
    }

    [Fact]
    public void Beyond_the_exact_limit_percentiles_stay_within_the_histogram_error()
    {
        var aggregator = new FlowWindowAggregator(new FlowWindowOptions { ExactRttSamples = 100 });
        var random = new Random(5);
        var rtts = Enumerable.Range(0, 10_000).Select(_ => (uint)random.Next(1, 1_000_000)).ToList();
        foreach (var rtt in rtts)
        {
            aggregator.Accept(Enriched(Flow("10.0.0.1", "10.0.0.2", T0, rtt: rtt), "a", "b"));
        }

        var windows = new List<FlowWindow>();
        aggregator.CloseAll(windows);
        var window = Assert.Single(windows);
        var sorted = rtts.Order().ToList();

        Assert.False(window.RttExact);
        foreach (var (actual, q) in new[] { (window.RttP50Micros, 0.5), (window.RttP90Micros, 0.9), (window.RttP99Micros, 0.99) })
        {
            double exact = NearestRank(sorted, q);
            Assert.InRange(actual, exact * (1 - (1 / 64.0)), exact * (1 + (1 / 64.0)));
        }
    }

    [Fact]
    public void Equal_app_names_from_distinct_strings_share_one_window_across_many_pairs()
    {
        // The pair table grows several times, and names decoded per flow are equal strings, not the same instance.
        var aggregator = new FlowWindowAggregator();
        var flow = Flow("10.0.0.1", "10.0.0.2", T0);
        for (int copy = 0; copy < 2; copy++)
        {
            for (int pair = 0; pair < 300; pair++)
            {
                string? local = pair % 7 == 0 ? null : new string($"app-{pair % 20}".AsSpan());
                aggregator.Accept(Enriched(flow, local, new string($"app-{pair}".AsSpan())));
            }
        }

        var windows = new List<FlowWindow>();
        aggregator.CloseAll(windows);

        Assert.Equal(300, windows.Count);
        Assert.All(windows, w => Assert.Equal(2, w.Flows));
        Assert.Equal(Enumerable.Range(0, 300).Select(p => $"app-{p}"), windows.Select(w => w.RemoteApp));
    }

    [Fact]
    public void Windows_closed_as_time_passes_reuse_tables_and_sample_arrays_and_still_match_linq()
    {
        // In start order and closed as they fall due, so each window after the first takes a closed one's table with its
        // entries' RTT sample arrays: percentiles must come from the window's own samples only.
        var flows = RandomFlows(20_000, 5).OrderBy(f => f.Flow.StartUnixMs).ToList();
        var aggregator = new FlowWindowAggregator(new FlowWindowOptions { AllowedLateness = TimeSpan.Zero });
        var windows = new List<FlowWindow>();
        foreach (var flow in flows)
        {
            aggregator.CloseDue(At(flow.Flow.StartUnixMs), windows);
            aggregator.Accept(flow);
        }

        aggregator.CloseAll(windows);
        var expected = flows
            .GroupBy(f => (Start: f.Flow.StartUnixMs / 60_000 * 60_000, f.LocalApp, f.RemoteApp))
            .ToDictionary(g => g.Key, g =>
            {
                var rtts = g.Select(f => f.Flow.SmoothedRttMicros).Where(r => r != 0).Order().ToList();
                return (Flows: (long)g.Count(), Samples: (long)rtts.Count, P50: NearestRank(rtts, 0.5), P90: NearestRank(rtts, 0.9), P99: NearestRank(rtts, 0.99));
            });

        Assert.True(expected.Keys.Select(k => k.Start).Distinct().Count() >= 3);
        Assert.Equal(expected.Count, windows.Count);
        Assert.All(windows, w => Assert.Equal(expected[(w.WindowStartUnixMs, w.LocalApp, w.RemoteApp)], (w.Flows, w.RttSamples, w.RttP50Micros, w.RttP90Micros, w.RttP99Micros)));
    }

    [Fact]
    public void A_window_opened_after_others_closed_starts_empty()
    {
        // Closed windows hand their pair tables to the next ones: nothing of an earlier window may show up in a later one.
        var aggregator = new FlowWindowAggregator(new FlowWindowOptions { AllowedLateness = TimeSpan.Zero });
        var windows = new List<FlowWindow>();
        long first = T0 / 60_000 * 60_000;
        for (int w = 0; w < 5; w++)
        {
            for (int pair = 0; pair < 40 - (w * 7); pair++)
            {
                var flow = Flow("10.0.0.1", "10.0.0.2", first + (w * 60_000) + pair, rtt: (uint)(w + 1), bytes: 10);
                aggregator.Accept(Enriched(flow, $"app-{pair}", w % 2 == 0 ? "even" : "odd"));
            }

            aggregator.CloseDue(At(first + ((w + 1) * 60_000)), windows);
            Assert.Equal(0, aggregator.OpenWindows);
        }

        for (int w = 0; w < 5; w++)
        {
            var closed = windows.Where(x => x.WindowStartUnixMs == first + (w * 60_000)).ToList();
            Assert.Equal(40 - (w * 7), closed.Count);
            Assert.All(closed, x => Assert.Equal((1L, 10UL, 1L, (uint)(w + 1), w % 2 == 0 ? "even" : "odd"), (x.Flows, x.BytesSent, x.RttSamples, x.RttP50Micros, x.RemoteApp)));
        }
    }
}
