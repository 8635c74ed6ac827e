using StreamJobs.TailSampler.Tests.Support;
using StreamJobs.Telemetry.Spans;
using Xunit;

namespace StreamJobs.TailSampler.Tests;

public class TraceSamplerTests
{
    private static TraceSampler Sampler(int cacheSize = 1000, TimeProvider? time = null) => new(
        new TailSamplerOptions
        {
            DecisionCacheSize = cacheSize,
            Policies =
            [
                new() { Type = "always-keep", Name = "no-health", Action = PolicyAction.Drop, KeepDebug = false, Requests = [new() { Operation = "GET /health" }] },
                new() { Type = "error" },
                new() { Type = "always-keep", Name = "debug" },
                new() { Type = "latency", ThresholdMs = 1000 },
                new() { Type = "rate-limit", TracesPerSecond = 1 },
            ],
        },
        new TracePolicyFactory(time ?? new ManualTimeProvider(DateTimeOffset.UnixEpoch)));

    [Fact]
    public void First_matching_keep_policy_names_the_decision()
    {
        TraceSampler sampler = Sampler();

        Assert.Equal("error", sampler.Decide(Traces.Make(tags: [new("error", "x")], debug: true)).Policy);
        Assert.Equal("debug", sampler.Decide(Traces.Make(debug: true)).Policy);
        Assert.Equal("latency", sampler.Decide(Traces.Make(durationMs: 2000)).Policy);
        Assert.Equal("rate-limit", sampler.Decide(Traces.Make()).Policy);
        Assert.Equal(new SamplingDecision(false, SamplingDecision.NoMatch), sampler.Decide(Traces.Make()));
        Assert.Equal(4, sampler.TracesKept);
        Assert.Equal(1, sampler.TracesDropped);
        Assert.Equal(1, sampler.GetDecisionCounts()["rate-limit"]);
    }

    [Fact]
    public void Drop_policies_win_over_keep_policies()
    {
        SamplingDecision decision = Sampler().Decide(Traces.Make(operation: "GET /health", tags: [new("error", "x")]));

        Assert.Equal(new SamplingDecision(false, "no-health"), decision);
    }

    [Fact]
    public void Late_spans_follow_the_earlier_decision_and_are_counted()
    {
        TraceSampler sampler = Sampler();
        Trace first = Traces.Make(tags: [new("error", "x")]);
        Trace late = Traces.Make(id: first.TraceId, spans: 3);

        Assert.True(sampler.Decide(first).Keep);
        SamplingDecision again = sampler.Decide(late);

        Assert.Equal(new SamplingDecision(true, "error", Late: true), again);
        Assert.Equal(1, sampler.LateTraces);
        Assert.Equal(3, sampler.LateSpans);
    }

    [Fact]
    public void The_decision_cache_is_bounded_and_forgets_the_oldest()
    {
        TraceSampler sampler = Sampler(cacheSize: 100);
        var ids = new List<TraceId>();
        for (int i = 0; i < 250; i++)
        {
            Trace t = Traces.Make(durationMs: 5000);
            ids.Add(t.TraceId);
            sampler.Decide(t);
        }

        Assert.Equal(100, sampler.DecisionCacheCount);
        Assert.Equal(150, sampler.DecisionCacheEvictions);
        SamplingDecision remembered = sampler.Decide(Traces.Make(id: ids[^1]));
        Assert.True(remembered.Keep && remembered.Late);
        Assert.Equal(1, sampler.LateTraces);
        Assert.False(sampler.Decide(Traces.Make(id: ids[0])).Late);
    }

    [Fact]
    public void Two_replicas_with_the_same_config_agree_on_probabilistic_decisions()
    {
        var options = new TailSamplerOptions { Policies = [new() { Type = "probabilistic", Percentage = 25 }] };
        var a = new TraceSampler(options);
        var b = new TraceSampler(options);
        int kept = 0;
        for (int i = 0; i < 5000; i++)
        {
            Trace trace = Traces.Make();
            SamplingDecision da = a.Decide(trace);
            Assert.Equal(da, b.Decide(trace));
            kept += da.Keep ? 1 : 0;
        }

        Assert.InRange(kept, 1050, 1450);
    }

    [Fact]
    public void Cache_size_is_validated()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new TraceSampler(new TailSamplerOptions { DecisionCacheSize = 0 }));
        Assert.Equal(nameof(TailSamplerOptions.DecisionCacheSize), ex.ParamName);
    }
}
