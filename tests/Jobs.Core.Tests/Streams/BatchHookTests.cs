using StreamJobs.Streams;
using StreamJobs.TestKit;
using StreamJobs.Tests.Support;

namespace StreamJobs.Tests.Streams;

/// <summary>Supervision inside <see cref="StageLogic{TIn,TOut}.OnRecords"/> stays per record, as with OnRecord.</summary>
public sealed class BatchHookTests
{
    [Fact]
    public async Task Under_Resume_only_the_failing_records_are_dead_lettered_and_the_loop_goes_on_after_each()
    {
        var deadLetters = new DeadLetterLog();
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 8, DeadLetters = deadLetters });
        var result = await Source.From(new[] { 1, 2, -3, 4, 5, -6, 7, 8, 9, -10 })
            .Stateful(() => new Looping(), "loop")
            .WithSupervision(SupervisionStrategy.Resume)
            .RunWith(Sink.Seq<(int Instance, int Record)>(), materializer);

        Assert.Equal(new[] { 1, 2, 4, 5, 7, 8, 9 }, result.Select(r => r.Record));
        Assert.Equal(new object[] { -3, -6, -10 }, deadLetters.Recent().Select(l => l.Record));
        Assert.All(deadLetters.Recent(), l => Assert.Equal("loop", l.Stage));
        var metrics = materializer.Settings.Metrics.Stages.Single(s => s.Stage == "loop");
        Assert.Equal((10, 7, 3), (metrics.In, metrics.Out, metrics.DeadLettered));
    }

    [Fact]
    public async Task Under_Restart_the_fresh_logic_gets_the_rest_of_the_batch_through_its_hook()
    {
        var clock = new ManualTimeProvider();
        var deadLetters = new DeadLetterLog();
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 8, Time = clock, DeadLetters = deadLetters });
        var instances = 0;
        var done = Source.From(new[] { 1, 2, -3, 4, 5 })
            .Stateful(() => new Looping(instances++))
            .WithSupervision(SupervisionStrategy.Restart(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)))
            .RunWith(Sink.Seq<(int Instance, int Record)>(), materializer);
        Assert.True(await Eventually.HoldsAsync(() => clock.PendingTimers > 0 || done.IsCompleted), "the restart backoff was never scheduled");
        clock.Advance(TimeSpan.FromSeconds(1));
        var result = await done;

        // The first logic took 1 and 2 and failed on -3; a second one, told it starts a batch of two, took 4 and 5.
        Assert.Equal(new[] { (0, 1), (0, 2), (1, 4), (1, 5) }, result);
        Assert.Equal(new object[] { -3 }, deadLetters.Recent().Select(l => l.Record));
    }

    [Fact]
    public async Task Under_Stop_a_throw_in_the_hook_fails_the_graph_with_that_exception()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 8 });
        var run = Source.From(new[] { 1, -2, 3 })
            .Stateful(() => new Looping())
            .RunWith(Sink.Seq<(int, int)>(), materializer);

        var thrown = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => run);
        Assert.Contains("-2", thrown.Message);
    }

    [Fact]
    public async Task A_throw_before_the_first_record_is_supervised_without_a_record_and_the_batch_is_offered_again()
    {
        var deadLetters = new DeadLetterLog();
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 8, DeadLetters = deadLetters });
        var result = await Source.From(new[] { 1, 2, 3 })
            .Stateful(() => new Looping { FailBeforeFirst = 1 })
            .WithSupervision(SupervisionStrategy.Resume)
            .RunWith(Sink.Seq<(int Instance, int Record)>(), materializer);

        Assert.Equal(new[] { 1, 2, 3 }, result.Select(r => r.Record));
        var letter = Assert.Single(deadLetters.Recent());
        Assert.Null(letter.Record);
    }

    [Fact]
    public async Task Failing_again_before_any_record_fails_the_stage_rather_than_looping()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 8 });
        var run = Source.From(new[] { 1, 2, 3 })
            .Stateful(() => new Looping { FailBeforeFirst = int.MaxValue })
            .WithSupervision(SupervisionStrategy.Resume)
            .RunWith(Sink.Seq<(int, int)>(), materializer);

        await Assert.ThrowsAsync<InvalidOperationException>(() => run).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_throw_after_the_last_record_keeps_what_was_emitted_and_dead_letters_no_record()
    {
        var deadLetters = new DeadLetterLog();
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 8, DeadLetters = deadLetters });
        var result = await Source.From(new[] { 1, 2, 3 })
            .Stateful(() => new Looping { FailAfterLast = true })
            .WithSupervision(SupervisionStrategy.Resume)
            .RunWith(Sink.Seq<(int Instance, int Record)>(), materializer);

        Assert.Equal(new[] { 1, 2, 3 }, result.Select(r => r.Record));
        Assert.Null(Assert.Single(deadLetters.Recent()).Record);
    }

    [Fact]
    public async Task Upcoming_shows_the_records_after_the_current_one_also_after_a_supervised_failure()
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 8, DeadLetters = new DeadLetterLog() });
        var result = await Source.From(new[] { 1, 2, -3, 4, 5 })
            .Stateful(() => new LookingAhead())
            .WithSupervision(SupervisionStrategy.Resume)
            .RunWith(Sink.Seq<(int, int, int)>(), materializer);

        Assert.Equal(new[] { (1, 4, 2), (2, 3, -3), (4, 1, 5), (5, 0, 0) }, result);
    }

    [Fact]
    public async Task A_batch_counts_as_taken_only_once_its_logic_has_handled_it()
    {
        // Tests move a manual clock once a stage has taken records (JobHarness.WaitUntilTakenAsync): counted on arrival,
        // the clock could move before the logic read it for the batch.
        var entered = new SemaphoreSlim(0);
        var release = new SemaphoreSlim(0);
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 8 });
        var queue = Source.Queue<int>(4).Stateful(() => new Blocking(entered, release), "blocking").To(Sink.Ignore<int>()).Run(materializer, "held");

        await queue.OfferAsync(new[] { 1, 2, 3 });
        Assert.True(await entered.WaitAsync(TimeSpan.FromSeconds(10)), "the logic never got the batch");
        await Task.Delay(100);
        Assert.Equal(0, materializer.Settings.Metrics.ForJob("held").Single(s => s.Stage == "blocking").In);

        release.Release();
        Assert.True(await Eventually.HoldsAsync(() => materializer.Settings.Metrics.ForJob("held").Single(s => s.Stage == "blocking").In == 3));
        queue.Complete();
    }

    /// <summary>Holds each batch in its hook until released.</summary>
    private sealed class Blocking(SemaphoreSlim entered, SemaphoreSlim release) : StageLogic<int, int>
    {
        public override void OnBatchStart(int count)
        {
            entered.Release();
            release.Wait(TimeSpan.FromSeconds(10));
        }

        public override void OnRecord(int record, Emitter<int> output) => output.Emit(record);
    }

    /// <summary>Emits each record with how many come after it in the cursor and the next one (0 for none).</summary>
    private sealed class LookingAhead : StageLogic<int, (int Record, int Upcoming, int Next)>
    {
        public override void OnRecord(int record, Emitter<(int, int, int)> output) =>
            throw new InvalidOperationException("the engine called OnRecord instead of OnRecords");

        public override void OnRecords(ref RecordCursor<int> records, Emitter<(int, int, int)> output)
        {
            if (records.Upcoming.Length == 0) throw new InvalidOperationException("before the first record, every record is upcoming");
            while (records.MoveNext())
            {
                var upcoming = records.Upcoming;
                if (records.Current < 0) throw new ArgumentOutOfRangeException(nameof(records));
                output.Emit((records.Current, upcoming.Length, upcoming.IsEmpty ? 0 : upcoming[0]));
            }
            if (!records.Upcoming.IsEmpty) throw new InvalidOperationException("after the last record, nothing is upcoming");
        }
    }

    /// <summary>Loops over the batch in its hook, reading records in place; its OnRecord must never be called.</summary>
    private sealed class Looping(int instance = 0) : StageLogic<int, (int, int)>
    {
        private int _expected = -1;
        private int _failedBeforeFirst;
        private bool _failedAfterLast;

        public int FailBeforeFirst { get; init; }

        public bool FailAfterLast { get; init; }

        public override void OnBatchStart(int count) => _expected = count;

        public override void OnRecord(int record, Emitter<(int, int)> output) =>
            throw new InvalidOperationException("the engine called OnRecord instead of OnRecords");

        public override void OnRecords(ref RecordCursor<int> records, Emitter<(int, int)> output)
        {
            if (_expected < 0) throw new InvalidOperationException("OnRecords ran without OnBatchStart");
            if (_failedBeforeFirst < FailBeforeFirst)
            {
                _failedBeforeFirst++;
                throw new InvalidOperationException("before the first record");
            }
            while (records.MoveNext())
            {
                ref readonly var record = ref records.Current;
                if (record < 0) throw new ArgumentOutOfRangeException(nameof(records), record, $"record {record}");
                output.Emit((instance, record));
            }
            if (FailAfterLast && !_failedAfterLast)
            {
                _failedAfterLast = true;
                throw new InvalidOperationException("after the last record");
            }
        }
    }
}
