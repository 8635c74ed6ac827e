using System.ComponentModel.DataAnnotations;
using Xunit;
using StreamJobs.Telemetry.Spans;
using StreamJobs.TailSampler.Tests.Support;

namespace StreamJobs.TailSampler.Tests;

public class MqlPolicyTests
{
    /// <summary>The start-up check of the job's parameters, as the host runs it; returns its one message.</summary>
    private static string? Validate(string expression)
    {
        var parameters = new TailSamplerParameters { Policies = [new TracePolicyOptions { Type = "mql", Expression = expression }] };
        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(parameters, new ValidationContext(parameters), results, validateAllProperties: true));
        return Assert.Single(results).ErrorMessage;
    }

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
    public void A_policy_nested_too_deep_fails_start_up_validation_with_the_position_and_the_limit()
    {
        // 16,000 '!' fit in the length limit; the 65th opens one level too many.
        var error = Validate(new string('!', 16_000) + "hasError");

        Assert.Equal("Policies[0] (mql): Expression: line 1, column 65: expression nested deeper than 64 levels (each '(' and NOT opens one; MqlLimits.MaxDepth)", error);
    }

    [Fact]
    public void Policies_over_the_length_limit_fail_start_up_validation_with_the_limit()
    {
        var parens = new string('(', 16_000) + "hasError" + new string(')', 16_000);
        var chain = string.Join(" or ", Enumerable.Range(0, 200_000).Select(i => $"rootService == 's{i}'"));

        Assert.Equal($"Policies[0] (mql): Expression: line 1, column 16385: expression is {parens.Length} characters long, over the limit of 16384 (MqlLimits.MaxQueryLength)", Validate(parens));
        Assert.Equal($"Policies[0] (mql): Expression: line 1, column 16385: expression is {chain.Length} characters long, over the limit of 16384 (MqlLimits.MaxQueryLength)", Validate(chain));
    }

    [Fact]
    public void A_long_or_chain_within_the_limit_is_a_working_policy()
    {
        var chain = string.Join(" or ", Enumerable.Range(0, 500).Select(i => $"rootService == 's{i}'"));

        Assert.True(Policy(chain).Matches(Traces.Make(service: "s499")));
        Assert.False(Policy(chain).Matches(Traces.Make(service: "checkout")));
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
