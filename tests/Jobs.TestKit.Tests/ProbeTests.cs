using StreamJobs.Jobs;
using StreamJobs.Streams;

namespace StreamJobs.TestKit.Tests;

public sealed class ProbeTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);

    public sealed class EvenLabelsJob : StreamJob
    {
        /// <summary>The stage under test: keeps even numbers and labels them; 13 is a poisoned record.</summary>
        public static Flow<int, string> Label { get; } = Flow.Create<int>()
            .Where(n => n % 2 == 0 || n == 13)
            .Select(n => n == 13 ? throw new InvalidDataException("unlucky") : "#" + n);

        public override JobGraph Build(JobContext context) =>
            context.Subscribe<int>("numbers").Via(Label).To(context.Publish<string>("labels"));
    }

    [Fact]
    public async Task A_stage_between_probes_emits_only_what_was_requested_and_completes_with_its_input()
    {
        await using var harness = new JobHarness(new EvenLabelsJob());
        var (input, output) = harness.SourceProbe<int>().Via(EvenLabelsJob.Label)
            .ToMaterialized(harness.SinkProbe<string>(), Keep.Both).Run(harness.Materializer);

        output.EnsureSubscription();
        input.SendBatch(1, 2, 3, 4);
        output.ExpectNoMsg(Quiet);

        output.Request(1);
        Assert.Equal(["#2", "#4"], output.ExpectNextBatch());
        input.SendBatch(6, 7, 8);
        Assert.Equal(["#6", "#8"], output.RequestNextBatch());

        input.SendComplete();
        output.Request(1);
        output.ExpectComplete();
    }

    [Fact]
    public async Task An_upstream_error_reaches_the_sink_probe()
    {
        await using var harness = new JobHarness(new EvenLabelsJob());
        var (input, output) = harness.SourceProbe<int>().Via(EvenLabelsJob.Label)
            .ToMaterialized(harness.SinkProbe<string>(), Keep.Both).Run(harness.Materializer);

        output.Request(1);
        input.SendError(new TimeoutException("feed lost"));
        var error = output.ExpectError();
        Assert.IsType<TimeoutException>(error);
        Assert.Equal("feed lost", error.Message);
    }

    [Fact]
    public async Task A_failing_stage_fails_downstream_and_cancels_upstream()
    {
        await using var harness = new JobHarness(new EvenLabelsJob());
        var (input, output) = harness.SourceProbe<int>().Via(EvenLabelsJob.Label)
            .ToMaterialized(harness.SinkProbe<string>(), Keep.Both).Run(harness.Materializer);

        output.Request(1);
        input.SendBatch(2, 13);
        var error = output.ExpectError();
        Assert.Equal("unlucky", Assert.IsType<InvalidDataException>(error).Message);
        input.ExpectCancellation();
    }

    [Fact]
    public async Task A_failed_expectation_throws_without_a_test_framework()
    {
        await using var harness = new JobHarness(new EvenLabelsJob());
        var (input, output) = harness.SourceProbe<int>().Via(EvenLabelsJob.Label)
            .ToMaterialized(harness.SinkProbe<string>(), Keep.Both).Run(harness.Materializer);

        output.Request(1);
        var timedOut = Assert.Throws<ProbeAssertionException>(() => output.ExpectComplete(Quiet));
        Assert.Contains("OnComplete", timedOut.Message);

        input.SendBatch(2);
        var wrong = Assert.Throws<ProbeAssertionException>(() => output.ExpectComplete(Quiet));
        Assert.Contains("OnNext", wrong.Message);
    }

    [Fact]
    public async Task A_probe_source_runs_once()
    {
        await using var harness = new JobHarness(new EvenLabelsJob());
        var source = harness.SourceProbe<int>();
        source.To(Sink.Ignore<int>()).Run(harness.Materializer);
        var error = Assert.Throws<InvalidOperationException>(() => source.To(Sink.Ignore<int>()).Run(harness.Materializer));
        Assert.Contains("SourceProbe", error.Message);
    }

    [Fact]
    public async Task Probes_run_on_the_harness_system_which_disposing_terminates()
    {
        var harness = new JobHarness(new EvenLabelsJob());
        var context = SynchronizationContext.Current;
        Assert.Same(harness.System, harness.Probes.Sys);
        Assert.Same(context, SynchronizationContext.Current);
        Assert.Same(harness.System, harness.Materializer.System);

        await harness.DisposeAsync();
        Assert.True(harness.System.WhenTerminated.IsCompleted);
    }
}
