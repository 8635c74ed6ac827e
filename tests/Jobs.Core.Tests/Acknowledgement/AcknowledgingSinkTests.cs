using StreamJobs.Acknowledgement;
using StreamJobs.Streams;

namespace StreamJobs.Tests.Acknowledgement;

public sealed class AcknowledgingSinkTests
{
    [Fact]
    public async Task Writes_flushes_and_closes_once_and_dead_letters_are_counted()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 10 });
        var logic = new RecordingLogic();
        await Source.From(Enumerable.Range(0, 95)).RunWith(AcknowledgingSink.Create<int, RecordingLogic>(() => logic, "recording"), materializer);

        Assert.Equal(95 - 10, logic.Written);
        Assert.Equal(1, logic.Flushes);
        Assert.Equal(1, logic.Closes);
        Assert.Equal(10, logic.DeadLetteredCount);
    }

    [Fact]
    public async Task Close_runs_when_the_stream_fails()
    {
        await using var materializer = new Materializer();
        var logic = new RecordingLogic();
        var done = Source.Failed<int>(new InvalidOperationException("boom")).RunWith(AcknowledgingSink.Create<int, RecordingLogic>(() => logic, "recording"), materializer);
        await Assert.ThrowsAsync<InvalidOperationException>(() => done);
        Assert.Equal(0, logic.Flushes);
        Assert.Equal(1, logic.Closes);
    }

    private sealed class RecordingLogic : AcknowledgingSinkLogic<int>
    {
        public int Written { get; private set; }

        public int Flushes { get; private set; }

        public int Closes { get; private set; }

        public long DeadLetteredCount => Metrics.DeadLettered;

        protected internal override ValueTask WriteAsync(Batch<int> batch, CancellationToken aborted)
        {
            foreach (var value in batch)
            {
                if (value % 10 == 3) DeadLetter(value, new ArgumentException("unwritable"));
                else Written++;
            }
            return default;
        }

        protected internal override ValueTask FlushAsync()
        {
            Flushes++;
            return default;
        }

        protected internal override void Close() => Closes++;
    }
}
