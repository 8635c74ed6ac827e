using Xunit;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using StreamJobs.Telemetry.Spans;
using StreamJobs.TailSampler.Tests.Support;
using StreamJobs.TestKit;

namespace StreamJobs.TailSampler.Tests;

public sealed class TailSamplerJobTests : IAsyncDisposable
{
    private readonly TailSamplerMetrics _metrics = new();
    private JobHarness? _harness;

    private static readonly SpanAttribute[] ErrorTag = [new("error", "true")];

    private async Task<OutputProbe<SampledTrace>> StartAsync(TailSamplerParameters parameters)
    {
        var services = new ServiceCollection().AddSingleton(_metrics).BuildServiceProvider();
        _harness = new JobHarness(new TailSamplerJob(), parameters, services);
        var output = _harness.Output<SampledTrace>("sampled-traces");
        await _harness.StartAsync();
        return output;
    }

    private static TailSamplerParameters ErrorsAndCheckout() => new()
    {
        Policies =
        [
            new TracePolicyOptions { Type = "error", Name = "errors" },
            new TracePolicyOptions { Type = "mql", Name = "checkout", Expression = "rootService == 'checkout'" },
        ],
    };

    [Fact]
    public async Task Kept_traces_are_published_with_their_policy_and_dropped_ones_are_counted()
    {
        var output = await StartAsync(ErrorsAndCheckout());
        var failed = Traces.Make(tags: ErrorTag);
        var checkout = Traces.Make(service: "checkout");
        var boring = Traces.Make(service: "search");
        await _harness!.SendAsync("traces", failed, boring, checkout);
        await _harness.CompleteAsync();
        await output.WaitForAsync(2);

        Assert.Equal([(failed.TraceId, "errors"), (checkout.TraceId, "checkout")], output.Records.Select(s => (s.Trace.TraceId, s.Policy)));
        Assert.All(output.Records, s => Assert.False(s.Late));
        Assert.Equal(1, _harness.Metrics.Single(m => m.Stage == "sample").Dropped);
        Assert.Equal(3, _metrics.TracesIn);
        Assert.Equal(1, _metrics.Dropped);
        Assert.Equal(new Dictionary<string, long> { ["errors"] = 1, ["checkout"] = 1 }, _metrics.KeptByPolicy());
    }

    [Fact]
    public async Task Late_spans_follow_the_earlier_decision_of_their_trace()
    {
        var output = await StartAsync(ErrorsAndCheckout());
        var kept = Traces.Make(tags: ErrorTag);
        var dropped = Traces.Make(service: "search");
        // The buffer emits late spans as a new, partial trace with the same id; these ones alone would decide otherwise.
        var lateOfKept = Traces.Make(service: "search", id: kept.TraceId, spans: 2);
        var lateOfDropped = Traces.Make(service: "checkout", id: dropped.TraceId);
        await _harness!.SendAsync("traces", kept, dropped, lateOfKept, lateOfDropped);
        await _harness.CompleteAsync();

        Assert.Equal(2, (await output.WaitForAsync(2)).Count);
        var late = output.Records[1];
        Assert.Same(lateOfKept, late.Trace);
        Assert.True(late.Late);
        Assert.Equal("errors", late.Policy);
        Assert.Equal(2, _metrics.LateTraces);
        Assert.Equal(3, _metrics.LateSpans);
        Assert.Equal(2, _metrics.Dropped);
    }

    [Fact]
    public async Task With_no_policies_configured_the_defaults_keep_errors_and_slow_traces()
    {
        var output = await StartAsync(new TailSamplerParameters());
        var failed = Traces.Make(tags: ErrorTag);
        var slow = Traces.Make(durationMs: 1500);
        await _harness!.SendAsync("traces", failed, slow);
        await _harness.CompleteAsync();
        await output.WaitForAsync(2);

        Assert.Equal(["errors", "slow"], output.Records.Select(s => s.Policy));
        Assert.Equal(["errors", "warnings", "retries", "slow", "debug", "baseline"], new TailSamplerParameters().ToOptions().Policies.Select(p => p.Name));
    }

    [Fact]
    public void A_bad_policy_fails_validation_naming_the_policy()
    {
        var parameters = new TailSamplerParameters { Policies = [new TracePolicyOptions { Type = "latency" }, new TracePolicyOptions { Type = "mql", Expression = "spanCount >" }] };
        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(parameters, new ValidationContext(parameters), results, validateAllProperties: true));
        var result = Assert.Single(results);
        Assert.Equal(["Policies"], result.MemberNames);
        Assert.Equal("Policies[0] (latency): ThresholdMs must be greater than 0", result.ErrorMessage);
    }

    public async ValueTask DisposeAsync()
    {
        if (_harness is not null) await _harness.DisposeAsync();
        _metrics.Dispose();
    }
}
