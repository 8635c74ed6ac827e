using System.Text;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Otlp;
using Xunit;
using static StreamJobs.Tests.Shared.ProtobufWire;
using OtlpSpan = OpenTelemetry.Proto.Trace.V1.Span;
using Span = StreamJobs.Telemetry.Spans.Span;

namespace StreamJobs.Telemetry.Tests.Otlp;

/// <summary>
/// The direct wire decoder must answer exactly as the message path (Google.Protobuf, then <see cref="OtlpProtoMapper"/>):
/// the same spans, field by field, and the same rejections; and where it cannot, it must step aside having added nothing.
/// </summary>
[Collection(StreamJobs.Telemetry.Tests.Support.SharedTextCollection.Name)]
public sealed class OtlpWireDecoderTests
{
    [Fact]
    public void Random_requests_decode_exactly_as_the_message_path()
    {
        var random = new Random(20261203);
        for (var round = 0; round < 400; round++)
        {
            var body = RandomRequest(random).ToByteArray();
            var (direct, directErrors, decoded) = Direct(body);
            var (expected, expectedErrors) = ViaMessages(body);

            Assert.True(decoded, $"round {round}: the decoder stepped aside on a request it should read");
            Assert.Equal(expected.Select(Describe), direct.Select(Describe));
            Assert.Equal(expectedErrors.Select(e => $"{e.Index} {e.Location} {e.Message}"), directErrors.Select(e => $"{e.Index} {e.Location} {e.Message}"));
        }
    }

    [Fact]
    public void A_resource_after_its_spans_on_the_wire_still_names_their_service()
    {
        var span = new OtlpSpan { TraceId = Id(16, 1), SpanId = Id(8, 2), Name = "late" };
        var scope = new ScopeSpans { Spans = { span } }.ToByteArray();
        var resource = new Resource { Attributes = { Text("service.name", "orders") } }.ToByteArray();
        byte[] resourceSpans = [.. Field(0x12, scope), .. Field(0x0A, resource)]; // scope_spans (2) before resource (1)
        var body = Field(0x0A, resourceSpans);

        var (spans, _, decoded) = Direct(body);

        Assert.True(decoded);
        Assert.Equal("orders", Assert.Single(spans).ServiceName);
        Assert.Equal(ViaMessages(body).Spans.Select(Describe), spans.Select(Describe));
    }

    [Theory]
    [InlineData("array")]
    [InlineData("kvlist")]
    [InlineData("wrong wire type")]
    public void What_it_does_not_read_exactly_it_leaves_to_the_message_path_having_added_nothing(string kind)
    {
        var span = new OtlpSpan { TraceId = Id(16, 1), SpanId = Id(8, 2), Name = "n" };
        byte[] body;
        switch (kind)
        {
            case "array":
                span.Attributes.Add(new KeyValue { Key = "a", Value = new AnyValue { ArrayValue = new ArrayValue { Values = { new AnyValue { StringValue = "x" } } } } });
                body = Request(span).ToByteArray();
                break;
            case "kvlist":
                span.Attributes.Add(new KeyValue { Key = "a", Value = new AnyValue { KvlistValue = new KeyValueList { Values = { Text("k", "v") } } } });
                body = Request(span).ToByteArray();
                break;
            case "wrong wire type":
                // The name field (5) sent as a varint: Google.Protobuf keeps it as an unknown field.
                body = Wrap([.. span.ToByteArray(), 0x28, 0x01]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }

        var (spans, errors, decoded) = Direct(body);

        Assert.False(decoded);
        Assert.Empty(spans);
        Assert.Empty(errors);
        // Through the public parser the answer is the message path's.
        var parsed = OtlpTraceParser.ParseProtobuf(body);
        var (expected, expectedErrors) = ViaMessages(body);
        Assert.Equal(expected.Select(Describe), parsed.Spans.Select(Describe));
        Assert.Equal(expectedErrors.Count, parsed.Errors.Count);
    }

    [Theory]
    [InlineData(0x2A)] // name: kept
    [InlineData(0x1A)] // trace state: not kept, but the message path decodes it
    public void Text_that_is_not_UTF8_fails_the_body_as_on_the_message_path(byte tag)
    {
        var span = new OtlpSpan { TraceId = Id(16, 1), SpanId = Id(8, 2) };
        var body = Wrap([.. span.ToByteArray(), .. Field(tag, [0xC3, 0x28])]);

        var (spans, errors, decoded) = Direct(body);
        var parsed = OtlpTraceParser.ParseProtobuf(body);

        Assert.False(decoded);
        Assert.Empty(spans);
        Assert.Empty(errors);
        Assert.Empty(parsed.Spans);
        Assert.Equal(-1, Assert.Single(parsed.Errors).Index);
    }

    [Fact]
    public void Span_text_is_shared_between_requests()
    {
        var body = Request(new OtlpSpan { TraceId = Id(16, 1), SpanId = Id(8, 2), Name = "GET /orders", Attributes = { Text("http.method", "GET") } }).ToByteArray();

        var first = Assert.Single(Direct(body).Spans);
        var second = Assert.Single(Direct(body).Spans);

        Assert.Same(first.Name, second.Name);
        Assert.Same(first.Attributes[0].Key, second.Attributes[0].Key);
        Assert.Same(first.Attributes[0].Value.AsString, second.Attributes[0].Value.AsString);
    }

    private static (List<Span> Spans, List<SpanParseError> Errors, bool Decoded) Direct(byte[] body)
    {
        var spans = new List<Span>();
        var report = new ParseReport<SpanParseError>(IngestLimits.Unbounded);
        var decoded = OtlpWireDecoder.TryDecode(body, spans, report, out var added);
        Assert.Equal(spans.Count, added);
        var errors = new List<SpanParseError>();
        report.CopyTo(errors);
        return (spans, errors, decoded);
    }

    private static (List<Span> Spans, List<SpanParseError> Errors) ViaMessages(byte[] body)
    {
        var spans = new List<Span>();
        var report = new ParseReport<SpanParseError>(IngestLimits.Unbounded);
        OtlpProtoMapper.Map(ExportTraceServiceRequest.Parser.ParseFrom(body), spans, report);
        var errors = new List<SpanParseError>();
        report.CopyTo(errors);
        return (spans, errors);
    }

    private static string Describe(Span s)
    {
        var text = new StringBuilder()
            .Append($"{s.TraceId} {s.Id} {s.ParentId} '{s.Name}' {s.Kind} '{s.ServiceName}' {s.StartTimeUnixNanos} {s.DurationNanos} ")
            .Append($"{s.Status} '{s.StatusMessage}' {s.Sampled} {s.Debug} {s.Shared} |");
        foreach (var a in s.Attributes) text.Append($" {a.Key}={a.Value.Kind}:{a.Value}");
        text.Append(" |");
        foreach (var e in s.Events)
        {
            text.Append($" {e.TimeUnixNanos} '{e.Name}' [");
            foreach (var a in e.Attributes) text.Append($" {a.Key}={a.Value.Kind}:{a.Value}");
            text.Append(" ]");
        }
        return text.ToString();
    }

    private static ExportTraceServiceRequest RandomRequest(Random random)
    {
        var request = new ExportTraceServiceRequest();
        for (var r = random.Next(0, 3); r > 0; r--)
        {
            var resourceSpans = new ResourceSpans();
            if (random.Next(4) > 0)
            {
                resourceSpans.Resource = new Resource();
                if (random.Next(3) > 0) resourceSpans.Resource.Attributes.Add(Text("host.name", "h" + random.Next(3)));
                if (random.Next(4) > 0) resourceSpans.Resource.Attributes.Add(random.Next(5) > 0 ? Text("service.name", "svc-" + random.Next(3)) : new KeyValue { Key = "service.name", Value = new AnyValue { IntValue = 7 } });
            }
            for (var s = random.Next(0, 3); s > 0; s--)
            {
                var scope = new ScopeSpans { Scope = new InstrumentationScope { Name = "lib", Version = "1" } };
                for (var k = random.Next(0, 6); k > 0; k--) scope.Spans.Add(RandomSpan(random));
                resourceSpans.ScopeSpans.Add(scope);
            }
            request.ResourceSpans.Add(resourceSpans);
        }
        return request;
    }

    private static OtlpSpan RandomSpan(Random random)
    {
        var span = new OtlpSpan
        {
            // Mostly valid ids, sometimes the wrong length or all zero: those spans are rejected with a message.
            TraceId = random.Next(12) switch { 0 => Id(15, 1), 1 => Id(16, 0), 2 => ByteString.Empty, _ => Id(16, random.NextInt64(1, long.MaxValue)) },
            SpanId = random.Next(12) switch { 0 => Id(7, 1), 1 => Id(8, 0), _ => Id(8, random.NextInt64(1, long.MaxValue)) },
            Name = random.Next(5) == 0 ? "" : "op-" + random.Next(4) + (random.Next(6) == 0 ? " ünï" : ""),
            Kind = (OtlpSpan.Types.SpanKind)random.Next(0, 8),
            StartTimeUnixNano = (ulong)random.NextInt64(0, long.MaxValue),
            EndTimeUnixNano = random.Next(8) == 0 ? ulong.MaxValue : (ulong)random.NextInt64(0, long.MaxValue),
            Flags = (uint)random.Next(0, 4),
            TraceState = random.Next(3) == 0 ? "k=v" : "",
            DroppedAttributesCount = (uint)random.Next(0, 2),
        };
        if (random.Next(3) > 0) span.ParentSpanId = random.Next(10) switch { 0 => Id(5, 1), 1 => Id(8, 0), _ => Id(8, random.NextInt64(1, long.MaxValue)) };
        for (var a = random.Next(0, 5); a > 0; a--) span.Attributes.Add(RandomAttribute(random));
        for (var e = random.Next(0, 3); e > 0; e--)
        {
            var spanEvent = new OtlpSpan.Types.Event { TimeUnixNano = (ulong)random.NextInt64(), Name = random.Next(2) == 0 ? "retry" : "log" };
            if (random.Next(2) == 0) spanEvent.Attributes.Add(RandomAttribute(random));
            span.Events.Add(spanEvent);
        }
        if (random.Next(3) == 0) span.Links.Add(new OtlpSpan.Types.Link { TraceId = Id(16, 3), SpanId = Id(8, 4) });
        if (random.Next(2) == 0) span.Status = new Status { Code = (Status.Types.StatusCode)random.Next(0, 4), Message = random.Next(2) == 0 ? "" : "boom" };
        return span;
    }

    private static KeyValue RandomAttribute(Random random)
    {
        var value = random.Next(7) switch
        {
            0 => new AnyValue { StringValue = "v" + random.Next(5) },
            1 => new AnyValue { BoolValue = random.Next(2) == 0 },
            2 => new AnyValue { IntValue = random.NextInt64(long.MinValue, long.MaxValue) },
            3 => new AnyValue { DoubleValue = random.NextDouble() * 1e6 },
            4 => new AnyValue { BytesValue = Id(random.Next(0, 5), 9) },
            5 => new AnyValue { StringValue = new string('x', random.Next(60, 90)) }, // past the pooled length
            _ => null,
        };
        return new KeyValue { Key = random.Next(4) == 0 ? "http.status_code" : "k" + random.Next(4), Value = value };
    }

    private static ExportTraceServiceRequest Request(OtlpSpan span) =>
        new() { ResourceSpans = { new ResourceSpans { ScopeSpans = { new ScopeSpans { Spans = { span } } } } } };

    private static byte[] Wrap(byte[] span) => Field(0x0A, Field(0x12, Field(0x12, span)));

    private static KeyValue Text(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    private static ByteString Id(int length, long value)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length && i < 8; i++) bytes[length - 1 - i] = (byte)(value >> (8 * i));
        return ByteString.CopyFrom(bytes);
    }
}
