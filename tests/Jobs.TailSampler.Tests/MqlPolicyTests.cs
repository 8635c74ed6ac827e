using Xunit;
using StreamJobs.Telemetry.Spans;
using StreamJobs.TailSampler.Tests.Support;

namespace StreamJobs.TailSampler.Tests;

public class MqlPolicyTests
{
    private static ITracePolicy Policy(string expression) =>
        new TracePolicyFactory().Create(new TracePolicyOptions { Type = "mql", Name = "rule", Expression = expression }, "Policies[3] (mql)");

    [Theory]
    [InlineData("rootService == 'checkout' and durationMicros > 500000", true)]
    [InlineData("rootService == 'checkout' and durationMicros > 900000", false)]
    [InlineData("where hasError", true)]
    [InlineData("not hasWarning and spanCount == 2", true)]
    [InlineData("spans[*].tags['http.status_code'] == '503'", true)]
    [InlineData("spans[*].service == 'db' and services[*] == 'checkout'", true)]
    [InlineData("rootName ==~ /^POST \\/orders/", true)]
    [InlineData("spans[*].tags['http.status_code'] == '200'", false)]
    public void A_predicate_over_the_trace_schema_decides(string expression, bool expected)
    {
        var trace = Traces.Make(service: "checkout", operation: "POST /orders", durationMs: 700,
            tags: [new SpanAttribute("http.status_code", AttributeValue.FromInt(503)), new SpanAttribute("error", "true")], spans: 2);
        Assert.Equal(expected, Policy(expression).Matches(trace));
    }

    [Fact]
    public void A_syntax_error_names_the_policy_and_the_position()
    {
        var error = Assert.Throws<ArgumentException>(() => Policy("hasError and"));
        Assert.StartsWith("Policies[3] (mql): Expression: line 1, column", error.Message);
    }

    [Fact]
    public void An_unknown_property_is_rejected_with_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => Policy("hasErrors"));
        Assert.Contains("unknown trace property hasErrors", error.Message);
        Assert.Contains("rootService", error.Message);
    }

    [Fact]
    public void A_missing_expression_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Policy(" "));
        Assert.Contains("Expression is required", error.Message);
    }

    [Fact]
    public void The_policy_keeps_traces_inside_a_sampler_under_its_name()
    {
        var options = new TailSamplerOptions
        {
            Policies = [new TracePolicyOptions { Type = "mql", Name = "checkout-slow", Expression = "rootService == 'checkout' and durationMicros >= 1000000" }],
        };
        var sampler = new TraceSampler(options);
        Assert.Equal(new SamplingDecision(true, "checkout-slow"), sampler.Decide(Traces.Make(service: "checkout", durationMs: 1500)));
        Assert.False(sampler.Decide(Traces.Make(service: "checkout", durationMs: 10)).Keep);
    }
}
