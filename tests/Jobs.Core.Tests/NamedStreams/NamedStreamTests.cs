using System.Collections.Concurrent;
using StreamJobs.Acknowledgement;
using StreamJobs.NamedStreams;
using StreamJobs.Streams;
using StreamJobs.Tests.Support;
using StreamJobs.TestKit;

namespace StreamJobs.Tests.NamedStreams;

public sealed class NamedStreamTests
{
    [Fact]
    public async Task A_subscriber_job_receives_everything_a_publisher_job_publishes()
    {
        var registry = new NamedStreamRegistry();
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 50 });
        var received = registry.Stream<int>("numbers").Subscribe().Select(x => x * 2).RunWith(Sink.Seq<int>(), materializer);
        await Source.From(Enumerable.Range(0, 1000)).RunWith(registry.Stream<int>("numbers").Publish(), materializer);
        Assert.Equal(Enumerable.Range(0, 1000).Select(x => x * 2), await received);
        Assert.Equal(1000, registry.Stream<int>("numbers").Published);
    }

    [Fact]
    public async Task A_slow_subscriber_backpressures_the_publisher()
    {
        var registry = new NamedStreamRegistry();
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 10, BufferBatches = 2 });
        var gate = new SemaphoreSlim(0);
        _ = registry.Stream<long>("s").Subscribe().RunWith(Sink.ForEachBatch<long>(async (_, ct) => await gate.WaitAsync(ct)), materializer);
        var generator = new CountingGenerator();
        _ = generator.Source().RunWith(registry.Stream<long>("s").Publish(), materializer);
        Assert.True(await Eventually.HoldsAsync(() => generator.Produced >= 10));
        await Task.Delay(200);
        // Two batches in the subscription, one in the stalled sink, one being published, one being generated.
        Assert.InRange(generator.Produced, 10, 6 * 10);
        gate.Release(1000);
    }

    [Fact]
    public async Task A_slow_tap_loses_records_and_counts_them_but_never_slows_the_publisher()
    {
        var registry = new NamedStreamRegistry();
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 100 });
        var stream = registry.Stream<int>("t");
        using var tap = stream.OpenTap(capacityBatches: 2);
        var received = stream.Subscribe().RunWith(Sink.Aggregate<int, long>(0, (n, _) => n + 1), materializer);
        await Source.From(Enumerable.Range(0, 100_000)).RunWith(stream.Publish(), materializer);
        Assert.Equal(100_000, await received);
        Assert.Equal(200, tap.Delivered);
        Assert.Equal(100_000 - 200, tap.Dropped);
        Assert.Equal(tap.Dropped, stream.TapDropped);
        var seen = 0;
        await foreach (var batch in tap.ReadAllAsync()) seen += batch.Count;
        Assert.Equal(200, seen);
    }

    [Fact]
    public async Task A_record_commits_only_once_every_subscriber_that_completes_receipts_has_completed_it()
    {
        var registry = new NamedStreamRegistry();
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 10 });
        var window = new ReceiptWindow(1024);
        var stream = registry.Stream<Item>("items");
        var later = new ConcurrentQueue<Item>();
        var store = stream.Subscribe(null, completesReceipts: true).RunWith(Sink.ForEach<Item>(item => item.Receipt.Complete()), materializer);
        var slowStore = stream.Subscribe(null, completesReceipts: true).RunWith(Sink.ForEach<Item>(later.Enqueue), materializer);
        var watcher = stream.Subscribe().RunWith(Sink.Seq<Item>(), materializer); // watches: neither holds nor completes

        await Source.From(Issue(window, 100)).RunWith(stream.Publish(), materializer);
        await Task.WhenAll(store, slowStore, watcher);
        Assert.Equal(0, window.Committable); // the first store alone does not commit
        Assert.Equal(100, window.Pending);

        foreach (var item in later) item.Receipt.Complete();
        Assert.Equal(100, window.Committable);
        Assert.Equal(0, window.Ignored);
    }

    [Fact]
    public async Task With_one_subscriber_that_completes_receipts_its_completion_commits()
    {
        var registry = new NamedStreamRegistry();
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 10 });
        var window = new ReceiptWindow(1024);
        var stream = registry.Stream<Item>("items");
        var store = stream.Subscribe(null, completesReceipts: true).RunWith(Sink.ForEach<Item>(item => item.Receipt.Complete()), materializer);
        var watcher = stream.Subscribe().RunWith(Sink.Seq<Item>(), materializer);

        await Source.From(Issue(window, 50)).RunWith(stream.Publish(), materializer);
        await Task.WhenAll(store, watcher);
        Assert.Equal(50, window.Committable);
    }

    private static Item[] Issue(ReceiptWindow window, int count) => Enumerable.Range(0, count).Select(i =>
    {
        Assert.True(window.TryIssue(i, out var receipt));
        return new Item(i, receipt);
    }).ToArray();

    private readonly record struct Item(int Value, Receipt Receipt) : IHasReceipts
    {
        void IHasReceipts.RetainReceipts(int count) => Receipt.Retain(count);

        void IHasReceipts.CompleteReceipts() => Receipt.Complete();
    }

    [Fact]
    public void A_stream_keeps_its_record_type_and_names_are_checked()
    {
        var registry = new NamedStreamRegistry();
        registry.Stream<int>("traces");
        var typeClash = Assert.Throws<InvalidOperationException>(() => registry.Stream<string>("traces"));
        Assert.Equal("Stream 'traces' carries Int32 records, not String.", typeClash.Message);
        var badName = Assert.Throws<ArgumentException>(() => registry.Stream<int>("Bad Name"));
        Assert.StartsWith("'Bad Name' is not a valid stream name", badName.Message);
    }
}
