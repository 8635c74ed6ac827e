using System.Collections.Concurrent;
using StreamJobs.Streams;
using StreamJobs.Tests.Support;
using StreamJobs.TestKit;
using StreamJobs.Windows;

namespace StreamJobs.Tests.Windows;

public sealed class TumblingWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private sealed record Reading(string Host, DateTimeOffset At, long Bytes);

    private sealed record Total(string Host, DateTimeOffset Start, long Bytes, int Count, bool Early);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Windows_aggregate_exactly_per_key_and_close_when_the_clock_passes_their_end(int shards)
    {
        var clock = new ManualTimeProvider(T0);
        await using var materializer = new Materializer(new MaterializerSettings { Time = clock });
        var emitted = new ConcurrentQueue<Total>();
        var queue = Windowed(Source.Queue<Reading>(64), new TumblingWindowOptions { CheckInterval = TimeSpan.FromSeconds(1), Shards = shards })
            .To(Sink.ForEach<Total>(emitted.Enqueue)).Run(materializer, "exact");

        var readings = Enumerable.Range(0, 300).Select(i => new Reading("h" + (i % 3), T0.AddSeconds(i % 120), i)).ToArray();
        await queue.OfferAsync(readings);
        await StageProgress.TakenAsync(materializer, "exact", "tumbling-window", 300);
        Assert.Empty(emitted);

        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.True(await Eventually.HoldsAsync(() => emitted.Count == 3));
        var expected = readings.Where(r => r.At < T0.AddMinutes(1)).GroupBy(r => r.Host)
            .Select(g => new Total(g.Key, T0, g.Sum(r => r.Bytes), g.Count(), false)).OrderBy(t => t.Host);
        Assert.Equal(expected, emitted.OrderBy(t => t.Host));

        queue.Complete();
        Assert.True(await Eventually.HoldsAsync(() => emitted.Count == 6));
        Assert.Equal(readings.Sum(r => r.Bytes), emitted.Sum(t => t.Bytes));
    }

    [Fact]
    public async Task Records_for_a_closed_window_are_dropped_and_counted()
    {
        var clock = new ManualTimeProvider(T0);
        await using var materializer = new Materializer(new MaterializerSettings { Time = clock });
        var emitted = new ConcurrentQueue<Total>();
        var queue = Windowed(Source.Queue<Reading>(64), new TumblingWindowOptions { CheckInterval = TimeSpan.FromSeconds(1) })
            .Named("per-host").To(Sink.ForEach<Total>(emitted.Enqueue)).Run(materializer, "late-test");
        await queue.OfferAsync(new Reading("a", T0.AddSeconds(5), 1));
        await StageProgress.TakenAsync(materializer, "late-test", "per-host", 1);
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.True(await Eventually.HoldsAsync(() => emitted.Count == 1));

        await queue.OfferAsync(new Reading("a", T0.AddSeconds(6), 100));
        queue.Complete();
        var stage = materializer.Settings.Metrics.ForJob("late-test").Single(s => s.Stage == "per-host");
        Assert.True(await Eventually.HoldsAsync(() => stage.Dropped == 1));
        Assert.Single(emitted);
    }

    [Fact]
    public async Task At_the_bound_the_oldest_window_closes_early()
    {
        var clock = new ManualTimeProvider(T0);
        await using var materializer = new Materializer(new MaterializerSettings { Time = clock });
        var emitted = await Windowed(Source.From(Enumerable.Range(0, 10).Select(i => new Reading("h", T0.AddMinutes(i), 1))),
                new TumblingWindowOptions { MaxOpenWindows = 3 })
            .RunWith(Sink.Seq<Total>(), materializer);
        Assert.Equal(10, emitted.Count);
        Assert.Equal(7, emitted.Count(t => t.Early));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => T0.AddMinutes(i)), emitted.Select(t => t.Start));
    }

    private static Source<Total, TMat> Windowed<TMat>(Source<Reading, TMat> source, TumblingWindowOptions options) =>
        source.KeyBy(r => r.Host).TumblingWindow(TimeSpan.FromMinutes(1), r => r.At,
            _ => (Bytes: 0L, Count: 0),
            (acc, r) => (acc.Bytes + r.Bytes, acc.Count + 1),
            w => new Total(w.Key, w.Start, w.Accumulator.Bytes, w.Accumulator.Count, w.ClosedEarly),
            options);
}
