using StreamJobs.Cassandra.Traces;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Cassandra.Tests.Traces;

public sealed class SpanColumnsTests
{
    [Theory]
    [InlineData("error", "true", true)]
    [InlineData("error", "", true)]
    [InlineData("error", "FALSE", false)]
    [InlineData("http.status_code", "503", true)]
    [InlineData("http.status_code", "404", false)]
    [InlineData("otel.status_code", "error", true)]
    [InlineData("component", "db", false)]
    public void The_error_flag_follows_the_trace_error_rule(string key, string value, bool expected)
    {
        var span = new Span { TraceId = new TraceId(0, 1), Id = new SpanId(1), Attributes = [new SpanAttribute(key, value)] };

        Assert.Equal(expected, SpanColumns.IsError(span));
    }

    [Fact]
    public void Otlp_error_status_is_an_error_and_kinds_have_zipkin_names()
    {
        var span = new Span { TraceId = new TraceId(0, 1), Id = new SpanId(1), Status = SpanStatusCode.Error };

        Assert.True(SpanColumns.IsError(span));
        Assert.Equal("PRODUCER", SpanColumns.Kind(SpanKind.Producer));
        Assert.Equal(string.Empty, SpanColumns.Kind(SpanKind.Unspecified));
        Assert.Null(SpanColumns.Tags(span));
    }
}
