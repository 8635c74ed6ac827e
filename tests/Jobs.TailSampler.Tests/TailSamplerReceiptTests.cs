using Microsoft.Extensions.DependencyInjection;
using StreamJobs.TailSampler.Tests.Support;
using StreamJobs.Telemetry.Spans;
using StreamJobs.TestKit;
using Xunit;

namespace StreamJobs.TailSampler.Tests;

public sealed class TailSamplerReceiptTests : IAsyncDisposable
{
    private static readonly SpanAttribute[] ErrorTag = [new("error", "true")];
    private readonly TailSamplerMetrics _metrics = new();
    private readonly CountingReceiptTracker _tracker = new();
    private JobHarness? _harness;
    private long _position;

    private Trace WithReceipts(Trace trace)
    {
        foreach (var span in trace.Spans) span.Receipt = _tracker.Issue(Interlocked.Increment(ref _position));
        return trace;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Dropped_traces_and_late_spans_of_dropped_traces_complete_their_receipts_and_kept_ones_wait_for_the_sink(int shards)
    {
        var parameters = new TailSamplerParameters { Shards = shards, Policies = [new TracePolicyOptions { Type = "error", Name = "errors" }] };
        var services = new ServiceCollection().AddSingleton(_metrics).BuildServiceProvider();
        _harness = new JobHarness(new TailSamplerJob(), parameters, services);
        var output = _harness.Output<SampledTrace>("sampled-traces");
        await _harness.StartAsync();

        var kept = WithReceipts(Traces.Make(tags: ErrorTag, spans: 2));                           // positions 1, 2
        var dropped = WithReceipts(Traces.Make(service: "search", spans: 3));                     // 3, 4, 5
        var lateOfDropped = WithReceipts(Traces.Make(tags: ErrorTag, id: dropped.TraceId));       // 6: would be kept alone
        var lateOfKept = WithReceipts(Traces.Make(service: "search", id: kept.TraceId));          // 7
        await _harness.SendAsync("traces", kept, dropped, lateOfDropped, lateOfKept);
        await _harness.CompleteAsync();

        Assert.Equal(2, (await output.WaitForAsync(2)).Count);
        Assert.Equal([3L, 4L, 5L, 6L], _tracker.Completed);
        Assert.Equal(4, _tracker.Completions);
    }

    public async ValueTask DisposeAsync()
    {
        if (_harness is not null) await _harness.DisposeAsync();
        _metrics.Dispose();
    }
}
