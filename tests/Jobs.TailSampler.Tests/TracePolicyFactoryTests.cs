using Microsoft.Extensions.Configuration;
using StreamJobs.Telemetry.Spans;
using Xunit;

namespace StreamJobs.TailSampler.Tests;

public class TracePolicyFactoryTests
{
    [Theory]
    [InlineData("latency", "Policies[0] (latency): ThresholdMs must be greater than 0")]
    [InlineData("probabilistic", null)]
    [InlineData("rate-limit", "Policies[0] (rate-limit): TracesPerSecond must be greater than 0")]
    [InlineData("any-of", "Policies[0] (any-of): any-of needs at least 1 policy in Policies")]
    [InlineData("not", "Policies[0] (not): not takes exactly one policy in Policies")]
    public void Bad_settings_name_the_policy_path(string type, string? expected)
    {
        var options = new TailSamplerOptions { Policies = [new() { Type = type, Percentage = 150 }] };

        var ex = Assert.Throws<ArgumentException>(() => new TracePolicyFactory().CreateRules(options));

        Assert.Equal(expected ?? "Policies[0] (probabilistic): Percentage must be between 0 and 100", ex.Message);
    }

    [Fact]
    public void Unknown_types_list_the_known_ones()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TracePolicyFactory().Create(new() { Type = "sql" }, "Policies[3] (sql)"));

        Assert.StartsWith("Policies[3] (sql): unknown policy Type 'sql'; known types: all-of, always-keep, any-of, error, latency, mql, not, probabilistic", ex.Message);
    }

    [Fact]
    public void Custom_types_plug_in_through_register()
    {
        var factory = new TracePolicyFactory();
        factory.Register("mql", o => new ExpressionPolicy(o.Name ?? "mql", o.Expression!));

        ITracePolicy policy = factory.Create(new() { Type = "MQL", Name = "checkout", Expression = "GET /checkout" });

        Assert.Equal("checkout", policy.Name);
        Assert.True(policy.Matches(Support.Traces.Make(operation: "GET /checkout")));
        Assert.False(policy.Matches(Support.Traces.Make(operation: "GET /")));
    }

    [Fact]
    public void Binds_nested_policies_from_configuration()
    {
        IConfiguration config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TailSampler:DecisionCacheSize"] = "500",
            ["TailSampler:Policies:0:Type"] = "always-keep",
            ["TailSampler:Policies:0:Name"] = "health",
            ["TailSampler:Policies:0:Action"] = "Drop",
            ["TailSampler:Policies:0:KeepDebug"] = "false",
            ["TailSampler:Policies:0:Requests:0:Operation"] = "GET /health",
            ["TailSampler:Policies:1:Type"] = "any-of",
            ["TailSampler:Policies:1:Name"] = "problems",
            ["TailSampler:Policies:1:Policies:0:Type"] = "error",
            ["TailSampler:Policies:1:Policies:1:Type"] = "latency",
            ["TailSampler:Policies:1:Policies:1:ThresholdMs"] = "250",
        }).Build();

        TailSamplerOptions options = TailSamplerOptions.FromConfiguration(config.GetSection("TailSampler"));
        var sampler = new TraceSampler(options);

        Assert.Equal(500, options.DecisionCacheSize);
        Assert.Equal(PolicyAction.Drop, options.Policies[0].Action);
        Assert.Equal(250, options.Policies[1].Policies[1].ThresholdMs);
        Assert.Equal(new SamplingDecision(false, "health"), sampler.Decide(Support.Traces.Make(operation: "GET /health", durationMs: 900)));
        Assert.Equal(new SamplingDecision(true, "problems"), sampler.Decide(Support.Traces.Make(durationMs: 300)));
        Assert.Equal(new SamplingDecision(false, SamplingDecision.NoMatch), sampler.Decide(Support.Traces.Make(durationMs: 3)));
    }

    private sealed class ExpressionPolicy(string name, string operation) : ITracePolicy
    {
        public string Name { get; } = name;

        public bool Matches(Trace trace) => trace.Root.Name == operation;
    }
}
