using System.Text.Json;
using StreamJobs.Host.Taps;
using StreamJobs.Mql;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Host.Tests.Taps;

public sealed class SpanSchemaTests
{
    private static readonly Span Payment = new()
    {
        TraceId = TraceId.Parse("0af7651916cd43dd8448eb211c80319c"),
        Id = SpanId.Parse("b7ad6b7169203331"),
        Name = "POST /charge",
        Kind = SpanKind.Server,
        ServiceName = "payments",
        StartTimeUnixNanos = 1_700_000_000_000_000_000,
        DurationNanos = 2_500_000,
        Attributes = [new("http.method", "POST"), new("http.status_code", AttributeValue.FromInt(503))],
        Status = SpanStatusCode.Error,
    };

    [Theory]
    [InlineData("where service == 'payments' and kind == 'Server' and durationMicros == 2500", true)]
    [InlineData("where traceId == '0af7651916cd43dd8448eb211c80319c' and parentId == null", true)]
    [InlineData("where tags['http.status_code'] >= 500 and tags.http.method == 'POST'", true)]
    [InlineData("where status == 'Error' and timestampMicros == 1700000000000000", true)]
    [InlineData("where service == 'orders' or tags['missing'] != null", false)]
    public void Queries_read_span_fields_under_their_Zipkin_names(string where, bool expected) =>
        Assert.Equal(expected, Mql.Mql.CompilePredicate(where, SpanSchema.Instance).Matches(Payment));

    [Fact]
    public void Selected_tags_come_out_as_a_JSON_object()
    {
        var compiled = Mql.Mql.Parse("select id, tags from spans").Compile(SpanSchema.Instance);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) compiled.WriteProjection(writer, Payment);

        using var json = JsonDocument.Parse(buffer.ToArray());
        Assert.Equal("b7ad6b7169203331", json.RootElement.GetProperty("id").GetString());
        Assert.Equal("503", json.RootElement.GetProperty("tags").GetProperty("http.status_code").GetString());
    }
}
