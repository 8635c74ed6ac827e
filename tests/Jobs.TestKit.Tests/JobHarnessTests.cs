using System.ComponentModel.DataAnnotations;
using StreamJobs.Jobs;
using StreamJobs.Streams;
using StreamJobs.Windows;

namespace StreamJobs.TestKit.Tests;

public sealed class JobHarnessTests
{
    public sealed record Reading(string Host, DateTimeOffset At, long Bytes);

    public sealed record Total(string Host, DateTimeOffset Minute, long Bytes);

    public sealed class BytesPerHostParameters
    {
        [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
        public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
    }

    public sealed class BytesPerHostJob : StreamJob<BytesPerHostParameters>
    {
        protected override JobGraph Build(JobContext context, BytesPerHostParameters parameters) =>
            context.Subscribe<Reading>("readings")
                .Where(r => r.Bytes >= 0)
                .Select(r => r.Bytes == 13 ? throw new InvalidDataException("unlucky") : r)
                .WithSupervision(SupervisionStrategy.Resume)
                .KeyBy(r => r.Host)
                .TumblingWindow(parameters.Window, r => r.At, _ => 0L, (sum, r) => sum + r.Bytes, w => new Total(w.Key, w.Start, w.Accumulator))
                .To(context.Publish<Total>("totals"));
    }

    [Fact]
    public async Task Windows_close_when_the_test_moves_the_clock()
    {
        await using var harness = new JobHarness(new BytesPerHostJob(), new BytesPerHostParameters());
        var totals = harness.Output<Total>("totals");
        await harness.StartAsync();
        var t0 = harness.Time.GetUtcNow();
        await harness.SendAsync("readings", new Reading("a", t0, 10), new Reading("b", t0.AddSeconds(5), 7), new Reading("a", t0.AddSeconds(30), 5));
        await harness.WaitUntilTakenAsync("tumbling-window", 3);
        Assert.Empty(totals.Records);

        harness.Time.Advance(TimeSpan.FromMinutes(1));
        var closed = await totals.WaitForAsync(2);
        Assert.Equal([new Total("a", t0, 15), new Total("b", t0, 7)], closed.OrderBy(t => t.Host));
    }

    [Fact]
    public async Task Completing_the_inputs_flushes_open_windows_and_bad_records_are_dead_lettered()
    {
        await using var harness = new JobHarness(new BytesPerHostJob(), new BytesPerHostParameters { Window = TimeSpan.FromSeconds(10) });
        var totals = harness.Output<Total>("totals");
        await harness.StartAsync();
        var t0 = harness.Time.GetUtcNow();
        await harness.SendAsync("readings", new Reading("a", t0, 1), new Reading("a", t0, 13), new Reading("a", t0.AddSeconds(12), 2));
        await harness.CompleteAsync();
        Assert.Equal([new Total("a", t0, 1), new Total("a", t0.AddSeconds(10), 2)], await totals.WaitForAsync(2));
        var letter = Assert.Single(harness.DeadLetters.Recent());
        Assert.Equal(new Reading("a", t0, 13), letter.Record);
    }

    [Fact]
    public async Task Waiting_for_an_unknown_stage_names_the_stages_there_are()
    {
        await using var harness = new JobHarness(new BytesPerHostJob(), new BytesPerHostParameters());
        await harness.StartAsync();
        var error = await Assert.ThrowsAsync<TimeoutException>(() => harness.WaitUntilTakenAsync("no-such-stage", 1, TimeSpan.FromMilliseconds(50)));
        Assert.Contains("tumbling-window", error.Message);
    }

    [Fact]
    public async Task Sending_before_the_job_starts_is_refused()
    {
        await using var harness = new JobHarness(new BytesPerHostJob(), new BytesPerHostParameters());
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await harness.SendAsync("readings", new Reading("a", default, 1)));
    }
}
