using StreamJobs.Acknowledgement;
using StreamJobs.Streams;
using StreamJobs.Tests.Support;
using StreamJobs.TestKit;

namespace StreamJobs.Tests.Acknowledgement;

public sealed class ReplayableSourceTests
{
    [Fact]
    public async Task A_graceful_shutdown_waits_for_the_final_commit_and_the_sink_completed_every_receipt()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 16 });
        var source = ReplayableSource.Create<Receipt, CountingLogic>(() => new CountingLogic(), "counting");
        var (logic, done) = source
            .ToMaterialized(Sink.ForEachBatch<Receipt>((batch, _) => { Receipt.CompleteAll(batch.Span); return default; }), Keep.Both)
            .Run(materializer);

        Assert.True(await Eventually.HoldsAsync(() => logic.Window.Committable > 100));
        await materializer.ShutdownAsync();
        await done;

        Assert.Equal(false, logic.StoppedAborted);
        Assert.Equal(logic.Issued, logic.CommittedAtStop);
    }

    [Fact]
    public async Task An_abort_stops_without_waiting_and_commits_only_what_completed()
    {
        var materializer = new Materializer(new MaterializerSettings { BatchSize = 16 });
        var source = ReplayableSource.Create<Receipt, CountingLogic>(() => new CountingLogic(), "counting");
        var (logic, done) = source
            .ToMaterialized(Sink.ForEachBatch<Receipt>((batch, _) =>
            {
                foreach (var receipt in batch) if (receipt.Position < 20) receipt.Complete();
                return default;
            }), Keep.Both)
            .Run(materializer);

        Assert.True(await Eventually.HoldsAsync(() => logic.Issued > 100));
        await materializer.DisposeAsync();
        await done.ContinueWith(_ => { }); // an abort may end the sink either way; the source's stop is what matters
        Assert.True(await Eventually.HoldsAsync(() => logic.StoppedAborted is not null));

        Assert.Equal(true, logic.StoppedAborted);
        Assert.Equal(20, logic.CommittedAtStop);
    }

    [Fact]
    public async Task Dead_lettered_records_are_counted_on_the_source_stage()
    {
        var letters = new List<DeadLetter>();
        var settings = new MaterializerSettings { BatchSize = 16, DeadLetters = new ListDeadLetters(letters) };
        await using var materializer = new Materializer(settings);
        var source = ReplayableSource.Create<Receipt, CountingLogic>(() => new CountingLogic { DeadLetterEvery = 10 }, "counting");
        var (logic, done) = source
            .ToMaterialized(Sink.ForEachBatch<Receipt>((batch, _) => { Receipt.CompleteAll(batch.Span); return default; }), Keep.Both)
            .Run(materializer);

        Assert.True(await Eventually.HoldsAsync(() => logic.Issued > 100));
        await materializer.ShutdownAsync();
        await done;
        lock (letters) Assert.NotEmpty(letters);
        Assert.True(logic.DeadLettered > 0);
        Assert.Equal(logic.Issued, logic.CommittedAtStop); // dead-lettered receipts were completed too
    }

    private sealed class ListDeadLetters(List<DeadLetter> letters) : IDeadLetterSink
    {
        public void Publish(DeadLetter letter)
        {
            lock (letters) letters.Add(letter);
        }
    }

    private sealed class CountingLogic : ReplayableSourceLogic<Receipt>
    {
        private long _position;

        public ReceiptWindow Window { get; } = new(4096);

        public int DeadLetterEvery { get; init; }

        public long Issued => Interlocked.Read(ref _position);

        public long DeadLettered => Metrics.DeadLettered;

        public bool? StoppedAborted { get; private set; }

        public long CommittedAtStop { get; private set; } = -1;

        protected internal override async ValueTask<int> ReadAsync(Receipt[] buffer, CancellationToken stopping)
        {
            var count = 0;
            while (count == 0)
            {
                await Task.Yield();
                if (stopping.IsCancellationRequested) return 0;
                count = Fill(buffer);
            }
            return count;
        }

        private int Fill(Receipt[] buffer)
        {
            var count = 0;
            while (count < buffer.Length && Window.TryIssue(_position, out var receipt))
            {
                Interlocked.Increment(ref _position);
                if (DeadLetterEvery > 0 && receipt.Position % DeadLetterEvery == 0)
                {
                    DeadLetter(receipt.Position, new FormatException("bad record"));
                    receipt.Complete();
                    continue;
                }
                buffer[count++] = receipt;
            }
            return count;
        }

        protected internal override async Task StopAsync(bool aborted)
        {
            if (!aborted)
            {
                while (Window.InFlight > 0 && !Aborted.IsCancellationRequested) await Task.Delay(1);
            }
            CommittedAtStop = Window.Committable;
            StoppedAborted = aborted;
        }
    }
}
