using Xunit;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using StreamJobs.Acknowledgement;
using StreamJobs.SpanBuffer.Tests.Support;
using StreamJobs.Telemetry.Spans;
using StreamJobs.TestKit;

namespace StreamJobs.SpanBuffer.Tests;

public sealed class SpanBufferJobTests : IAsyncDisposable
{
    private readonly SpanBufferMetrics _metrics = new();
    private readonly ReceiptHandoff _handoff = new();
    private JobHarness? _harness;

    private async Task<(JobHarness Harness, OutputProbe<Trace> Traces)> StartAsync(SpanBufferParameters parameters)
    {
        var services = new ServiceCollection().AddSingleton(_metrics).AddSingleton(_handoff).BuildServiceProvider();
        _harness = new JobHarness(new SpanBufferJob(), parameters, services);
        var traces = _harness.Output<Trace>("traces");
        await _harness.StartAsync();
        return (_harness, traces);
    }

    private long BufferIn => _harness!.Metrics.Single(m => m.Stage == "buffer").In;

    private async Task SendAsync(params Span[] spans)
    {
        var before = BufferIn;
        await _harness!.SendAsync("spans", spans);
        await Eventually.TrueAsync(() => BufferIn >= before + spans.Length, "the buffer took the spans");
    }

    [Fact]
    public async Task A_trace_is_published_once_it_has_been_quiet_for_the_quiet_wait()
    {
        var (harness, traces) = await StartAsync(new SpanBufferParameters { QuietWait = TimeSpan.FromSeconds(5), TickInterval = TimeSpan.FromSeconds(1) });
        await SendAsync(Spans.Make(1, 1), Spans.Make(1, 2, parent: 1));

        harness.Time.Advance(TimeSpan.FromSeconds(3));
        await Task.Delay(50);
        Assert.Empty(traces.Records);

        harness.Time.Advance(TimeSpan.FromSeconds(3));
        var trace = Assert.Single(await traces.WaitForAsync(1));
        Assert.Equal(Spans.Trace(1), trace.TraceId);
        Assert.Equal(2, trace.Spans.Count);
        Assert.Equal(TraceCompletion.Quiet, trace.Completion);
        await Eventually.TrueAsync(() => _metrics.TracesQuiet == 1, "the quiet trace was counted");
    }

    [Fact]
    public async Task A_trace_that_keeps_receiving_spans_is_published_at_its_max_age()
    {
        var (harness, traces) = await StartAsync(new SpanBufferParameters
        {
            QuietWait = TimeSpan.FromSeconds(5),
            MaxTraceAge = TimeSpan.FromSeconds(10),
            TickInterval = TimeSpan.FromSeconds(1),
        });
        for (ulong i = 1; i <= 6; i++)
        {
            await SendAsync(Spans.Make(7, i));
            harness.Time.Advance(TimeSpan.FromSeconds(2));
        }

        var trace = Assert.Single(await traces.WaitForAsync(1));
        Assert.Equal(TraceCompletion.MaxAge, trace.Completion);
        Assert.InRange(trace.Spans.Count, 5, 6);
    }

    [Fact]
    public async Task Over_the_trace_bound_the_oldest_trace_is_decided_early_at_once_and_counted()
    {
        var (_, traces) = await StartAsync(new SpanBufferParameters { MaxTraces = 2 });
        await SendAsync(Spans.Make(1, 1), Spans.Make(2, 1), Spans.Make(3, 1));

        var trace = Assert.Single(await traces.WaitForAsync(1));
        Assert.Equal(Spans.Trace(1), trace.TraceId);
        Assert.True(trace.DecidedEarly);
        await _harness!.CompleteAsync();
        Assert.Equal(1, _metrics.TracesEarly);
    }

    [Fact]
    public async Task Spans_without_a_trace_id_are_dropped_and_counted_while_good_spans_go_on()
    {
        var (_, traces) = await StartAsync(new SpanBufferParameters());
        var bad = new Span { TraceId = TraceId.Empty, Id = new SpanId(9), Name = "bad" };
        await SendAsync(bad, Spans.Make(4, 1));
        await _harness!.CompleteAsync();

        var trace = Assert.Single(await traces.WaitForAsync(1));
        Assert.Equal(Spans.Trace(4), trace.TraceId);
        Assert.Equal(1, _harness.Metrics.Single(m => m.Stage == "buffer").Dropped);
        Assert.Equal(1, _metrics.SpansRejected);
    }

    [Fact]
    public async Task A_graceful_stop_publishes_every_held_trace()
    {
        var (_, traces) = await StartAsync(new SpanBufferParameters());
        await SendAsync(Spans.Make(1, 1), Spans.Make(2, 1), Spans.Make(2, 2, parent: 1));
        await _harness!.CompleteAsync();

        Assert.Equal(2, (await traces.WaitForAsync(2)).Count);
        Assert.All(traces.Records, t => Assert.Equal(TraceCompletion.Drained, t.Completion));
        Assert.Equal(3, traces.Records.Sum(t => t.Spans.Count));
    }

    [Fact]
    public async Task Spans_of_a_revoked_partition_are_released_for_the_next_owner_instead_of_decided()
    {
        var (harness, traces) = await StartAsync(new SpanBufferParameters { QuietWait = TimeSpan.FromSeconds(5), TickInterval = TimeSpan.FromSeconds(1) });
        var leaving = new ReceiptWindow(64);
        var staying = new ReceiptWindow(64);
        // Trace 1 lies wholly in the leaving partition; trace 2 has a span from each (a late span after a reassignment).
        await SendAsync(From(leaving, 0, Spans.Make(1, 1)), From(leaving, 1, Spans.Make(1, 2, parent: 1)), From(leaving, 2, Spans.Make(2, 1)), From(staying, 0, Spans.Make(2, 2, parent: 1)));

        _handoff.Revoke([leaving]);
        await SendAsync(From(leaving, 3, Spans.Make(3, 1))); // still on its way when the partition left
        harness.Time.Advance(TimeSpan.FromSeconds(6));

        var trace = Assert.Single(await traces.WaitForAsync(1));
        Assert.Equal(Spans.Trace(2), trace.TraceId);
        Assert.Equal([new SpanId(2)], trace.Spans.Select(s => s.Id));
        Assert.Equal(0, leaving.Pending); // nothing of the leaving partition is waited for
        Assert.Equal(0, leaving.Committable); // and nothing of it is committed: the next owner replays all four
        await _harness!.CompleteAsync();
        Assert.Single(traces.Records);
        await Eventually.TrueAsync(() => _metrics.SpansHandedOff == 4, "the released spans were counted");
    }

    private static Span From(ReceiptWindow partition, long offset, Span span)
    {
        Assert.True(partition.TryIssue(offset, out var receipt));
        span.Receipt = receipt;
        return span;
    }

    [Fact]
    public void A_quiet_wait_longer_than_the_max_age_is_rejected_naming_the_key()
    {
        var parameters = new SpanBufferParameters { QuietWait = TimeSpan.FromMinutes(2), MaxTraceAge = TimeSpan.FromMinutes(1) };
        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(parameters, new ValidationContext(parameters), results, validateAllProperties: true));
        var result = Assert.Single(results);
        Assert.Equal(["QuietWait"], result.MemberNames);
        Assert.Contains("must not be longer than MaxTraceAge", result.ErrorMessage);
    }

    public async ValueTask DisposeAsync()
    {
        if (_harness is not null) await _harness.DisposeAsync();
        _metrics.Dispose();
    }
}
