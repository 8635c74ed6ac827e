using StreamJobs.Streams;
using StreamJobs.TestKit;
using StreamJobs.Tests.Support;

namespace StreamJobs.Tests.Streams;

public sealed class BatchStartTests
{
    [Fact]
    public async Task Each_batch_starts_once_with_its_count_before_its_records()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 8 });
        var result = await Source.From(Enumerable.Range(0, 20))
            .Stateful(() => new BatchTagging())
            .RunWith(Sink.Seq<(int Batch, int Count, int Record)>(), materializer);

        // 20 records in batches of at most 8: every record carries the batch it came in and that batch's size.
        Assert.Equal(Enumerable.Range(0, 20), result.Select(r => r.Record));
        var batches = result.GroupBy(r => r.Batch).ToList();
        Assert.All(batches, b => Assert.Equal(b.First().Count, b.Count()));
        Assert.Equal(20, batches.Sum(b => b.First().Count));
        Assert.All(batches, b => Assert.InRange(b.First().Count, 1, 8));
    }

    [Fact]
    public async Task Under_Restart_the_fresh_logic_starts_the_rest_of_the_batch()
    {
        var clock = new ManualTimeProvider();
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 8, Time = clock });
        var done = Source.From(new[] { 1, 2, -1, 4, 5 })
            .Stateful(() => new BatchTagging())
            .WithSupervision(SupervisionStrategy.Restart(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)))
            .RunWith(Sink.Seq<(int Batch, int Count, int Record)>(), materializer);
        Assert.True(await Eventually.HoldsAsync(() => clock.PendingTimers > 0 || done.IsCompleted), "the restart backoff was never scheduled");
        clock.Advance(TimeSpan.FromSeconds(1));
        var result = await done;

        // The failing record is dropped; the two after it come to a fresh logic told they are a batch of two (its first).
        Assert.Equal(new[] { 1, 2, 4, 5 }, result.Select(r => r.Record));
        Assert.All(result.Where(r => r.Record > 3), r => Assert.Equal((0, 2), (r.Batch, r.Count)));
    }

    private sealed class BatchTagging : StageLogic<int, (int, int, int)>
    {
        private int _batch = -1;
        private int _count;

        public override void OnBatchStart(int count) => (_batch, _count) = (_batch + 1, count);

        public override void OnRecord(int record, Emitter<(int, int, int)> output)
        {
            if (record < 0) throw new ArgumentOutOfRangeException(nameof(record));
            output.Emit((_batch, _count, record));
        }
    }
}
