using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Tests.Support;
using Xunit;

namespace StreamJobs.Telemetry.Tests.Spans;

public class TraceTests
{
    [Fact]
    public void Root_services_start_and_duration_come_from_the_spans()
    {
        Span child = SpanBuilder.Make(2, parent: 1, service: "users", startMicros: 1_000_100, durationMicros: 5000);
        Span root = SpanBuilder.Make(1, service: "edge", startMicros: 1_000_000, durationMicros: 2000);
        Span other = SpanBuilder.Make(3, parent: 1, service: "users", startMicros: 1_000_050, durationMicros: 10);

        Trace trace = Trace.Create(SpanBuilder.Trace1, [child, root, other]);

        Assert.Same(root, trace.Root);
        Assert.Equal("edge", trace.RootService);
        Assert.Equal(["users", "edge"], trace.Services);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(1_000_000 * 10), trace.Start);
        Assert.Equal(TimeSpan.FromMicroseconds(5100), trace.Duration);
        Assert.False(trace.HasError || trace.HasWarning || trace.HasRetry || trace.IsDebug);
        Assert.Null(trace.IsSampled);
    }

    [Fact]
    public void Without_a_parentless_span_the_earliest_is_root()
    {
        Span a = SpanBuilder.Make(2, parent: 9, startMicros: 20);
        Span b = SpanBuilder.Make(3, parent: 9, startMicros: 10);

        Assert.Same(b, Trace.Create(SpanBuilder.Trace1, [a, b]).Root);
    }

    [Theory]
    [InlineData("error", "timeout", true)]
    [InlineData("error", "false", false)]
    [InlineData("otel.status_code", "ERROR", true)]
    [InlineData("http.status_code", "503", true)]
    [InlineData("http.status_code", "404", false)]
    [InlineData("http.response.status_code", "500", true)]
    public void Error_rules(string key, string value, bool expected)
    {
        Trace trace = Trace.Create(SpanBuilder.Trace1, [SpanBuilder.Make(1, tags: [new(key, value)])]);
        Assert.Equal(expected, trace.HasError);
    }

    [Fact]
    public void Otlp_error_status_is_an_error()
    {
        Assert.True(Trace.Create(SpanBuilder.Trace1, [SpanBuilder.Make(1, status: SpanStatusCode.Error)]).HasError);
        Assert.False(Trace.Create(SpanBuilder.Trace1, [SpanBuilder.Make(1, status: SpanStatusCode.Ok)]).HasError);
    }

    [Theory]
    [InlineData("warning", "low stock", true)]
    [InlineData("warning", "false", false)]
    [InlineData("level", "WARN", true)]
    [InlineData("log.level", "warning", true)]
    [InlineData("severity", "info", false)]
    public void Warning_rules(string key, string value, bool expected)
    {
        Trace trace = Trace.Create(SpanBuilder.Trace1, [SpanBuilder.Make(1, tags: [new(key, value)])]);
        Assert.Equal(expected, trace.HasWarning);
    }

    [Fact]
    public void Warning_event_counts()
    {
        Trace trace = Trace.Create(SpanBuilder.Trace1, [SpanBuilder.Make(1, events: [new SpanEvent(1, "Warning: cache cold")])]);
        Assert.True(trace.HasWarning);
    }

    [Theory]
    [InlineData("retry", "true", true)]
    [InlineData("retry", "0", false)]
    [InlineData("retry.count", "2", true)]
    [InlineData("retry.count", "0", false)]
    [InlineData("http.retry_count", "1", true)]
    [InlineData("http.request.resend_count", "3", true)]
    public void Retry_rules(string key, string value, bool expected)
    {
        Trace trace = Trace.Create(SpanBuilder.Trace1, [SpanBuilder.Make(1, tags: [new(key, value)])]);
        Assert.Equal(expected, trace.HasRetry);
    }

    [Fact]
    public void Retry_annotation_and_typed_count_count()
    {
        Assert.True(Trace.Create(SpanBuilder.Trace1, [SpanBuilder.Make(1, events: [new SpanEvent(1, "Retrying after 429")])]).HasRetry);
        Assert.True(Trace.Create(SpanBuilder.Trace1, [SpanBuilder.Make(1, tags: [new("retry.count", AttributeValue.FromInt(1))])]).HasRetry);
    }

    [Fact]
    public void Debug_implies_sampled_and_unsampled_is_reported()
    {
        Trace debug = Trace.Create(SpanBuilder.Trace1, [SpanBuilder.Make(1, debug: true), SpanBuilder.Make(2, parent: 1)]);
        Trace unsampled = Trace.Create(SpanBuilder.Trace1, [SpanBuilder.Make(1, sampled: false)]);

        Assert.True(debug.IsDebug);
        Assert.True(debug.IsSampled);
        Assert.False(unsampled.IsSampled);
    }

    [Fact]
    public void A_trace_needs_a_span()
    {
        Assert.Throws<ArgumentException>(() => Trace.Create(SpanBuilder.Trace1, []));
    }
}
