using StreamJobs.Streams;
using StreamJobs.Tests.Support;
using StreamJobs.TestKit;

namespace StreamJobs.Tests.Streams;

public sealed class SupervisionTests
{
    [Fact]
    public async Task Under_Resume_a_failing_record_is_dead_lettered_and_the_stream_goes_on()
    {
        var deadLetters = new DeadLetterLog();
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 8, DeadLetters = deadLetters });
        var result = await Source.From(Enumerable.Range(0, 100))
            .Select(x => x % 10 == 3 ? throw new FormatException($"bad {x}") : x)
            .Named("parse")
            .WithSupervision(SupervisionStrategy.Resume)
            .RunWith(Sink.Seq<int>(), materializer);

        Assert.Equal(Enumerable.Range(0, 100).Where(x => x % 10 != 3), result);
        var letters = deadLetters.Recent();
        Assert.Equal(Enumerable.Range(0, 100).Where(x => x % 10 == 3).Cast<object>(), letters.Select(l => l.Record));
        Assert.All(letters, l => Assert.Equal("parse", l.Stage));
        var metrics = materializer.Settings.Metrics.Stages.Single(s => s.Stage == "parse");
        Assert.Equal(10, metrics.DeadLettered);
        Assert.Equal(100, metrics.In);
        Assert.Equal(90, metrics.Out);
    }

    [Fact]
    public async Task Under_Stop_a_stage_fault_fails_the_whole_graph_with_that_exception()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 8 });
        var boom = new InvalidDataException("record 42 is corrupt");
        var generator = new CountingGenerator();
        var run = generator.Source()
            .Select(x => x == 42 ? throw boom : x)
            .Async()
            .Select(x => x + 1)
            .RunWith(Sink.Ignore<long>(), materializer);

        var thrown = await Assert.ThrowsAsync<InvalidDataException>(() => run);
        Assert.Same(boom, thrown);
        var stoppedAt = generator.Produced;
        await Task.Delay(50);
        Assert.Equal(stoppedAt, generator.Produced);
    }

    [Fact]
    public async Task A_decider_can_resume_some_errors_and_stop_on_others()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 4 });
        var strategy = SupervisionStrategy.Decide(e => e is FormatException ? Directive.Resume : Directive.Stop);
        var run = Source.From(Enumerable.Range(0, 50))
            .Select(x => x switch
            {
                5 => throw new FormatException("skip me"),
                30 => throw new OutOfMemoryException("fatal"),
                _ => x,
            })
            .WithSupervision(strategy)
            .RunWith(Sink.Seq<int>(), materializer);
        await Assert.ThrowsAsync<OutOfMemoryException>(() => run);
    }

    [Fact]
    public async Task Under_Restart_a_stateful_stage_loses_its_state_and_backs_off()
    {
        var clock = new ManualTimeProvider();
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 4, Time = clock });
        var strategy = SupervisionStrategy.Restart(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));
        var done = Source.From(new[] { 1, 1, 1, -1, 1, 1 })
            .Stateful(() => new RunningSum())
            .WithSupervision(strategy)
            .RunWith(Sink.Seq<int>(), materializer);

        // The restart waits one second of (virtual) time before going on: once its backoff is scheduled, nothing moves.
        Assert.True(await Eventually.HoldsAsync(() => clock.PendingTimers > 0), "the restart backoff was never scheduled");
        Assert.False(await Eventually.HoldsAsync(() => done.IsCompleted, TimeSpan.FromMilliseconds(200)));
        clock.Advance(TimeSpan.FromSeconds(1));
        var sums = await done.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([1, 2, 3, 1, 2], sums);
        Assert.Equal(TimeSpan.FromSeconds(4), strategy.BackoffFor(3));
        Assert.Equal(TimeSpan.FromSeconds(8), strategy.BackoffFor(10));
    }

    private sealed class RunningSum : StageLogic<int, int>
    {
        private int _sum;

        public override void OnRecord(int record, Emitter<int> output)
        {
            if (record < 0) throw new ArgumentOutOfRangeException(nameof(record));
            _sum += record;
            output.Emit(_sum);
        }
    }
}
