using System.Buffers;
using System.Text;
using System.Text.Json;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Synthetic;
using StreamJobs.Telemetry.Zipkin;
using Xunit;

namespace StreamJobs.Telemetry.Tests.Zipkin;

public class ZipkinJsonWriterTests
{
    [Fact]
    public void Ndjson_round_trips_through_the_parser()
    {
        var generated = new List<Span>();
        new SyntheticTraceGenerator(7).Generate(20, DateTimeOffset.UnixEpoch.AddYears(55), generated);
        var buffer = new ArrayBufferWriter<byte>();

        ZipkinJsonWriter.WriteNdjson(buffer, generated.ToArray());
        var parsed = new List<Span>();
        var errors = new List<SpanParseError>();
        ZipkinJsonParser.ParseNdjson(buffer.WrittenSpan, parsed, errors);

        Assert.Empty(errors);
        Assert.Equal(generated.Count, parsed.Count);
        Assert.Equal(generated.Count, Encoding.UTF8.GetString(buffer.WrittenSpan).Count(c => c == '\n'));
        for (int i = 0; i < generated.Count; i++)
        {
            Assert.Equal(generated[i].TraceId, parsed[i].TraceId);
            Assert.Equal(generated[i].Id, parsed[i].Id);
            Assert.Equal(generated[i].ParentId, parsed[i].ParentId);
            Assert.Equal(generated[i].Name, parsed[i].Name);
            Assert.Equal(generated[i].ServiceName, parsed[i].ServiceName);
            Assert.Equal(generated[i].StartTimeUnixNanos / 1000, parsed[i].StartTimeUnixNanos / 1000);
            Assert.Equal(generated[i].Attributes.Count, parsed[i].Attributes.Count);
            Assert.Equal(generated[i].Debug, parsed[i].Debug);
        }
    }

    [Fact]
    public void Otlp_error_status_becomes_an_error_tag()
    {
        var span = new Span { TraceId = Support.SpanBuilder.Trace1, Id = new SpanId(1), Status = SpanStatusCode.Error, StatusMessage = "boom" };
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ZipkinJsonWriter.Write(writer, span);
        }

        using JsonDocument doc = JsonDocument.Parse(buffer.WrittenMemory);
        Assert.Equal("boom", doc.RootElement.GetProperty("tags").GetProperty("error").GetString());
    }
}
