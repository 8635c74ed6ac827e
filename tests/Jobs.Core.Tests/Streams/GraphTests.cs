using StreamJobs.Streams;
using StreamJobs.Tests.Support;
using StreamJobs.TestKit;

namespace StreamJobs.Tests.Streams;

public sealed class GraphTests
{
    [Fact]
    public async Task Fused_stages_transform_every_record_in_order()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 7 });
        var result = await Source.From(Enumerable.Range(0, 1000))
            .Select(x => x * 3)
            .Where(x => x % 2 == 0)
            .Select(x => x.ToString())
            .RunWith(Sink.Seq<string>(), materializer);
        var expected = Enumerable.Range(0, 1000).Select(x => x * 3).Where(x => x % 2 == 0).Select(x => x.ToString());
        Assert.Equal(expected, result);
    }

    [Fact]
    public async Task Synchronous_stages_run_on_the_producer_task_and_an_async_boundary_moves_downstream_elsewhere()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 4 });
        var seen = new List<(int Producer, int Fused, int AfterBoundary)>();
        var producerThread = 0;
        var fusedThread = 0;
        await Source.From(Enumerable.Range(0, 8))
            .Select(x => { producerThread = Environment.CurrentManagedThreadId; return x; })
            .Select(x => { fusedThread = Environment.CurrentManagedThreadId; return x; })
            .Async()
            .Select(x => { seen.Add((producerThread, fusedThread, Environment.CurrentManagedThreadId)); return x; })
            .RunWith(Sink.Ignore<int>(), materializer);
        Assert.Equal(8, seen.Count);
        Assert.All(seen, s => Assert.Equal(s.Producer, s.Fused));
    }

    [Fact]
    public async Task SelectMany_emits_every_produced_item_even_beyond_one_batch()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 16 });
        var result = await Source.From(Enumerable.Range(1, 5))
            .SelectMany(n => Enumerable.Repeat(n, 40))
            .RunWith(Sink.Seq<int>(), materializer);
        Assert.Equal(Enumerable.Range(1, 5).SelectMany(n => Enumerable.Repeat(n, 40)), result);
    }

    [Fact]
    public async Task Merge_emits_everything_from_both_sources_and_completes_when_both_have()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 10 });
        var result = await Source.From(Enumerable.Range(0, 500))
            .Merge(Source.From(Enumerable.Range(1000, 500)).Async())
            .RunWith(Sink.Seq<int>(), materializer);
        Assert.Equal(Enumerable.Range(0, 500).Concat(Enumerable.Range(1000, 500)), result.Order());
    }

    [Fact]
    public async Task AlsoTo_and_Broadcast_hand_every_record_to_every_sink()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 10 });
        var side = new List<int>();
        var first = new List<int>();
        var second = new List<int>();
        await Source.From(Enumerable.Range(0, 95))
            .AlsoTo(Sink.ForEach<int>(side.Add))
            .RunWith(Sink.Broadcast(Sink.ForEach<int>(first.Add), Sink.ForEach<int>(second.Add)), materializer);
        Assert.Equal(Enumerable.Range(0, 95), side);
        Assert.Equal(Enumerable.Range(0, 95), first);
        Assert.Equal(Enumerable.Range(0, 95), second);
    }

    [Fact]
    public async Task A_source_failure_propagates_to_the_sink()
    {
        await using var materializer = new Materializer();
        var boom = new InvalidOperationException("source broke");
        var run = Source.Failed<int>(boom).Select(x => x + 1).RunWith(Sink.Ignore<int>(), materializer);
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => run);
        Assert.Same(boom, thrown);
    }

    [Fact]
    public async Task Materialized_values_can_be_kept_from_either_side()
    {
        await using var materializer = new Materializer();
        var (queue, done) = Source.Queue<int>(4)
            .ToMaterialized(Sink.Seq<int>(), Keep.Both)
            .Run(materializer);
        await queue.OfferAsync(new[] { 1, 2, 3 });
        await queue.OfferAsync(4);
        queue.Complete();
        Assert.Equal([1, 2, 3, 4], await done);
    }

    [Fact]
    public async Task A_full_queue_refuses_offers_instead_of_growing()
    {
        await using var materializer = new Materializer();
        var gate = new SemaphoreSlim(0);
        var queue = Source.Queue<int>(2)
            .To(Sink.ForEachBatch<int>(async (_, ct) => await gate.WaitAsync(ct)))
            .Run(materializer);
        var accepted = 0;
        for (var i = 0; i < 50; i++) if (queue.TryOffer([i])) accepted++;
        // Two offers wait in the queue, at most two more are in the hands of the stalled sink and the coalescing stage.
        Assert.InRange(accepted, 2, 4);
        gate.Release(100);
    }
}
