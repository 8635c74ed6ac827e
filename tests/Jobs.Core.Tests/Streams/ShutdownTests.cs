using StreamJobs.Streams;
using StreamJobs.Tests.Support;
using StreamJobs.TestKit;

namespace StreamJobs.Tests.Streams;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Shutdown_drains_in_flight_batches_and_held_state_without_loss()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 64, BufferBatches = 4 });
        var generator = new CountingGenerator();
        var received = new List<long>();
        var done = generator.Source()
            .Async()
            .Stateful(() => new HoldEverything())
            .Async()
            .RunWith(Sink.ForEachBatch<long>(async (batch, ct) =>
            {
                foreach (var x in batch) received.Add(x);
                await Task.Yield();
            }), materializer);

        // Shut down while the source is running, not before it has started (the machine may be busy).
        Assert.True(await Eventually.HoldsAsync(() => generator.Produced > 0));
        await materializer.ShutdownAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
        await done;
        Assert.True(generator.Produced > 0);
        Assert.Equal(generator.Produced, received.Count);
        Assert.Equal(Enumerable.Range(0, received.Count).Select(i => (long)i), received);
    }

    [Fact]
    public async Task Shutdown_closes_a_queue_to_new_offers_and_drains_what_it_held()
    {
        await using var materializer = new Materializer();
        var (queue, done) = Source.Queue<int>(16).ToMaterialized(Sink.Seq<int>(), Keep.Both).Run(materializer);
        for (var i = 0; i < 10; i++) Assert.True(queue.TryOffer([i]));
        await materializer.ShutdownAsync();
        Assert.Equal(Enumerable.Range(0, 10), await done);
        Assert.False(queue.TryOffer([99]));
    }

    /// <summary>Holds every record until upstream finishes, like a window that has not closed yet.</summary>
    private sealed class HoldEverything : StageLogic<long, long>
    {
        private readonly List<long> _held = new();

        public override void OnRecord(long record, Emitter<long> output) => _held.Add(record);

        public override void OnUpstreamFinish(Emitter<long> output)
        {
            foreach (var x in _held) output.Emit(x);
        }
    }
}
