using StreamJobs.Telemetry.Propagation;
using Xunit;

namespace StreamJobs.Telemetry.Tests.Propagation;

public class B3ContextTests
{
    private static Func<string, string?> Headers(params (string Name, string Value)[] headers)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, string value) in headers)
        {
            map[name] = value;
        }

        return name => map.GetValueOrDefault(name);
    }

    [Fact]
    public void Single_header_with_all_parts()
    {
        bool ok = B3Context.TryParse(Headers(("B3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90")), out B3Context ctx, out string? error);

        Assert.True(ok, error);
        Assert.Equal("80f198ee56343ba864fe8b2a57d3eff7", ctx.TraceId.ToString());
        Assert.Equal("e457b5a2e4d86bd1", ctx.SpanId.ToString());
        Assert.Equal("05e3ac9a4f6e3b90", ctx.ParentSpanId.ToString());
        Assert.True(ctx.Sampled);
        Assert.False(ctx.Debug);
    }

    [Theory]
    [InlineData("0", false, false)]
    [InlineData("1", true, false)]
    [InlineData("d", true, true)]
    public void Single_header_sampling_only_forms(string value, bool sampled, bool debug)
    {
        Assert.True(B3Context.TryParseSingle(value, out B3Context ctx, out _));
        Assert.False(ctx.HasIds);
        Assert.Equal(sampled, ctx.Sampled);
        Assert.Equal(debug, ctx.Debug);
    }

    [Fact]
    public void Single_header_without_sampling_defers_the_decision()
    {
        Assert.True(B3Context.TryParseSingle("64fe8b2a57d3eff7-e457b5a2e4d86bd1", out B3Context ctx, out _));
        Assert.Null(ctx.Sampled);
        Assert.Equal(0UL, ctx.TraceId.High);
    }

    [Theory]
    [InlineData("zz", "b3: expected {traceId}-{spanId}[-{sampling}[-{parentSpanId}]] or 0, 1, d")]
    [InlineData("x", "b3: sampling state must be 0, 1 or d, got 'x'")]
    [InlineData("80f198ee56343ba8-e457b5a2e4d86bd1-2", "b3: sampling state must be 0, 1 or d, got '2'")]
    [InlineData("80f198ee5634-e457b5a2e4d86bd1", "b3: traceId must be 16 or 32 hex characters")]
    [InlineData("80f198ee56343ba8-e457", "b3: spanId must be 16 hex characters")]
    [InlineData("80f198ee56343ba8-e457b5a2e4d86bd1-1-zz", "b3: parentSpanId must be 16 hex characters")]
    public void Bad_single_headers_are_rejected_with_a_reason(string value, string expected)
    {
        Assert.False(B3Context.TryParseSingle(value, out _, out string? error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Multi_header_form_with_flags_means_debug()
    {
        var headers = Headers(
            ("x-b3-traceid", "463ac35c9f6413ad48485a3953bb6124"),
            ("X-B3-SpanId", "a2fb4a1d1a96d312"),
            ("X-B3-ParentSpanId", "0020000000000001"),
            ("X-B3-Sampled", "0"),
            ("X-B3-Flags", "1"));

        Assert.True(B3Context.TryParse(headers, out B3Context ctx, out _));
        Assert.Equal("463ac35c9f6413ad48485a3953bb6124", ctx.TraceId.ToString());
        Assert.Equal("0020000000000001", ctx.ParentSpanId.ToString());
        Assert.True(ctx.Debug);
        Assert.True(ctx.Sampled);
    }

    [Fact]
    public void Multi_header_bad_values_name_the_header()
    {
        Assert.False(B3Context.TryParse(Headers(("X-B3-TraceId", "463ac35c9f6413ad"), ("X-B3-SpanId", "nothex!!nothex!!")), out _, out string? e1));
        Assert.Equal("X-B3-SpanId must be 16 hex characters", e1);
        Assert.False(B3Context.TryParse(Headers(("X-B3-Sampled", "maybe")), out _, out string? e2));
        Assert.Equal("X-B3-Sampled must be 1 or 0, got 'maybe'", e2);
    }

    [Fact]
    public void No_b3_headers_is_not_an_error()
    {
        Assert.False(B3Context.TryParse(Headers(), out _, out string? error));
        Assert.Null(error);
    }

    [Fact]
    public void Single_header_wins_over_multi_header()
    {
        var headers = Headers(("b3", "0"), ("X-B3-Sampled", "1"));

        Assert.True(B3Context.TryParse(headers, out B3Context ctx));
        Assert.False(ctx.Sampled);
    }
}
