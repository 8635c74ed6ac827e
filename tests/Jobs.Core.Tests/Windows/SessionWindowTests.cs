using System.Collections.Concurrent;
using StreamJobs.Streams;
using StreamJobs.Tests.Support;
using StreamJobs.TestKit;
using StreamJobs.Windows;

namespace StreamJobs.Tests.Windows;

public sealed class SessionWindowTests
{
    private sealed record Event(string Key, int Value);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_session_closes_after_the_gap_of_quiet_and_not_before(int shards)
    {
        var clock = new ManualTimeProvider();
        await using var materializer = new Materializer(new MaterializerSettings { Time = clock });
        var closed = new ConcurrentQueue<(string Key, int Sum, TimeSpan Length)>();
        var queue = Sessions(Source.Queue<Event>(16), new SessionWindowOptions { CheckInterval = TimeSpan.FromMilliseconds(500), Shards = shards })
            .To(Sink.ForEach<(string, int, TimeSpan)>(closed.Enqueue)).Run(materializer, "sessions");

        await queue.OfferAsync(new[] { new Event("a", 1), new Event("b", 10) });
        await StageProgress.TakenAsync(materializer, "sessions", "session-window", 2);
        clock.Advance(TimeSpan.FromSeconds(4));
        await queue.OfferAsync(new Event("a", 2));
        await StageProgress.TakenAsync(materializer, "sessions", "session-window", 3);
        clock.Advance(TimeSpan.FromSeconds(1.5));
        // b has been quiet for 5.5 s > 5 s gap; a only for 1.5 s.
        Assert.True(await Eventually.HoldsAsync(() => closed.Count == 1));
        Assert.Equal(("b", 10, TimeSpan.Zero), closed.Single());

        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.True(await Eventually.HoldsAsync(() => closed.Count == 2));
        Assert.Contains(("a", 3, TimeSpan.FromSeconds(4)), closed);
        queue.Complete();
    }

    [Fact]
    public async Task A_session_that_never_goes_quiet_closes_at_its_maximum_duration()
    {
        var clock = new ManualTimeProvider();
        await using var materializer = new Materializer(new MaterializerSettings { Time = clock });
        var closed = new ConcurrentQueue<(string Key, int Sum, TimeSpan Length)>();
        var queue = Sessions(Source.Queue<Event>(16), new SessionWindowOptions { MaxDuration = TimeSpan.FromSeconds(10), CheckInterval = TimeSpan.FromSeconds(1) })
            .To(Sink.ForEach<(string, int, TimeSpan)>(closed.Enqueue)).Run(materializer, "chatty");
        for (var i = 0; i < 12; i++)
        {
            await queue.OfferAsync(new Event("chatty", 1));
            await StageProgress.TakenAsync(materializer, "chatty", "session-window", i + 1);
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.True(await Eventually.HoldsAsync(() => !closed.IsEmpty));
        var first = closed.First();
        Assert.Equal("chatty", first.Key);
        Assert.InRange(first.Sum, 9, 11);
        queue.Complete();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)] // ten sessions shared out: three per shard
    public async Task Past_the_session_bound_sessions_close_early_and_none_is_lost(int shards)
    {
        await using var materializer = new Materializer();
        var events = Enumerable.Range(0, 1000).Select(i => new Event("k" + i, i)).ToArray();
        var closed = await Sessions(Source.From(events), new SessionWindowOptions { MaxSessions = 10, Shards = shards })
            .RunWith(Sink.Seq<(string, int, TimeSpan)>(), materializer);
        Assert.Equal(1000, closed.Count);
        Assert.Equal(events.Sum(e => e.Value), closed.Sum(c => c.Item2));
    }

    private static Source<(string, int, TimeSpan), TMat> Sessions<TMat>(Source<Event, TMat> source, SessionWindowOptions options) =>
        source.KeyBy(e => e.Key).SessionWindow(TimeSpan.FromSeconds(5),
            _ => 0, (sum, e) => sum + e.Value, w => (w.Key, w.Accumulator, w.End - w.Start), options);
}
