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

    private static TailSamplerParameters ErrorsAndCheckout(int shards) => new()
    {
        Shards = shards,
        Policies =
        [
            new TracePolicyOptions { Type = "error", Name = "errors" },
            new TracePolicyOptions { Type = "mql", Name = "checkout", Expression = "rootService == 'checkout'" },
        ],
    };

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Kept_traces_are_published_with_their_policy_and_dropped_ones_are_counted(int shards)
    {
        var output = await StartAsync(ErrorsAndCheckout(shards));
        var failed = Traces.Make(tags: ErrorTag);
        var checkout = Traces.Make(service: "checkout");
        var boring = Traces.Make(service: "search");
        await _harness!.SendAsync("traces", failed, boring, checkout);
        await _harness.CompleteAsync();
        await output.WaitForAsync(2);

        Assert.Equal([(failed.TraceId, "errors"), (checkout.TraceId, "checkout")], output.Records.Select(s => (s.Trace.TraceId, s.Policy)).OrderBy(s => s.Policy == "checkout"));
        Assert.All(output.Records, s => Assert.False(s.Late));
        Assert.Equal(1, _harness.Metrics.Single(m => m.Stage == "sample").Dropped);
        Assert.Equal(3, _metrics.TracesIn);
        Assert.Equal(1, _metrics.Dropped);
        Assert.Equal(new Dictionary<string, long> { ["errors"] = 1, ["checkout"] = 1 }, _metrics.KeptByPolicy());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Late_spans_follow_the_earlier_decision_of_their_trace(int shards)
    {
        var output = await StartAsync(ErrorsAndCheckout(shards));
        var kept = Traces.Make(tags: ErrorTag);
        var dropped = Traces.Make(service: "search");
        // The buffer emits late spans as a new, partial trace with the same id; these ones alone would decide otherwise.
        var lateOfKept = Traces.Make(service: "search", id: kept.TraceId, spans: 2);
        var lateOfDropped = Traces.Make(service: "checkout", id: dropped.TraceId);
        await _harness!.SendAsync("traces", kept, dropped, lateOfKept, lateOfDropped);
        await _harness.CompleteAsync();

        Assert.Equal(2, (await output.WaitForAsync(2)).Count);
        Assert.Same(kept, output.Records.Single(s => !s.Late).Trace); // order holds per trace id, not across shards
        var late = output.Records.Single(s => s.Late);
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

        // The default is one shard per core, and shards publish in no particular order between traces.
        Assert.Equal(["errors", "slow"], output.Records.Select(s => s.Policy).Order());
        Assert.Equal(["errors", "warnings", "retries", "slow", "debug", "baseline"], new TailSamplerParameters().ToOptions().Policies.Select(p => p.Name));
    }

    [Fact]
    public async Task Shards_share_one_rate_limit_budget()
    {
        var parameters = new TailSamplerParameters
        {
            Shards = 4,
            Policies = [new TracePolicyOptions { Type = "rate-limit", Name = "sampled", TracesPerSecond = 0.001, Burst = 5 }],
        };
        var output = await StartAsync(parameters);
        await _harness!.SendAsync("traces", Enumerable.Range(0, 40).Select(_ => Traces.Make(service: "checkout")).ToArray());
        await _harness.CompleteAsync();

        Assert.Equal(5, (await output.WaitForAsync(5)).Count);
        Assert.Equal(35, _metrics.Dropped); // four budgets of five would have kept 20
    }

    [Fact]
    public void The_decision_cache_is_shared_out_between_shards()
    {
        Assert.Equal(25_000, new TailSamplerParameters { DecisionCacheSize = 100_000 }.ToOptions(4).DecisionCacheSize);
        Assert.Equal(1, new TailSamplerParameters { DecisionCacheSize = 1 }.ToOptions(8).DecisionCacheSize);
        Assert.Equal(Environment.ProcessorCount, new TailSamplerParameters().EffectiveShards);
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
