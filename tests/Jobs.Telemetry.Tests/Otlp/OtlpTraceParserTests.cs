using System.Text;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Otlp;
using StreamJobs.Telemetry.Spans;
using Xunit;
using OtlpSpan = OpenTelemetry.Proto.Trace.V1.Span;
using Span = StreamJobs.Telemetry.Spans.Span;

namespace StreamJobs.Telemetry.Tests.Otlp;

public class OtlpTraceParserTests
{
    private static readonly byte[] TraceBytes = Convert.FromHexString("5b8efff798038103d269b633813fc60c");
    private static readonly byte[] SpanBytes = Convert.FromHexString("eee19b7ec3c1b174");
    private static readonly byte[] ParentBytes = Convert.FromHexString("eee19b7ec3c1b173");

    [Fact]
    public void Protobuf_request_round_trips_to_the_span_model()
    {
        var span = new OtlpSpan
        {
            TraceId = ByteString.CopyFrom(TraceBytes),
            SpanId = ByteString.CopyFrom(SpanBytes),
            ParentSpanId = ByteString.CopyFrom(ParentBytes),
            Name = "POST /charge",
            Kind = OtlpSpan.Types.SpanKind.Client,
            StartTimeUnixNano = 1_544_712_660_000_000_000UL,
            EndTimeUnixNano = 1_544_712_661_000_000_000UL,
            Flags = 0x101,
            Status = new Status { Code = Status.Types.StatusCode.Error, Message = "declined" },
        };
        span.Attributes.Add(new KeyValue { Key = "http.status_code", Value = new AnyValue { IntValue = 503 } });
        span.Attributes.Add(new KeyValue { Key = "retry", Value = new AnyValue { BoolValue = true } });
        span.Attributes.Add(new KeyValue { Key = "ratio", Value = new AnyValue { DoubleValue = 0.5 } });
        span.Events.Add(new OtlpSpan.Types.Event { Name = "retry scheduled", TimeUnixNano = 1_544_712_660_500_000_000UL });
        var bad = new OtlpSpan { TraceId = ByteString.CopyFrom(new byte[3]), SpanId = ByteString.CopyFrom(SpanBytes) };
        var request = new ExportTraceServiceRequest();
        var resource = new ResourceSpans { Resource = new Resource() };
        resource.Resource.Attributes.Add(new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "payments" } });
        var scope = new ScopeSpans();
        scope.Spans.Add(span);
        scope.Spans.Add(bad);
        resource.ScopeSpans.Add(scope);
        request.ResourceSpans.Add(resource);

        SpanParseResult result = OtlpTraceParser.ParseProtobuf(request.ToByteArray());

        Span parsed = Assert.Single(result.Spans);
        Assert.Equal("5b8efff798038103d269b633813fc60c", parsed.TraceId.ToString());
        Assert.Equal("eee19b7ec3c1b174", parsed.Id.ToString());
        Assert.Equal("eee19b7ec3c1b173", parsed.ParentId.ToString());
        Assert.Equal("payments", parsed.ServiceName);
        Assert.Equal(SpanKind.Client, parsed.Kind);
        Assert.Equal(1_000_000_000L, parsed.DurationNanos);
        Assert.Equal(SpanStatusCode.Error, parsed.Status);
        Assert.Equal("declined", parsed.StatusMessage);
        Assert.True(parsed.Sampled);
        Assert.True(parsed.TryGetAttribute("http.status_code", out AttributeValue code) && code.Kind == AttributeKind.Int);
        Assert.True(code.TryGetInt64(out long n) && n == 503);
        Assert.True(parsed.TryGetAttribute("ratio", out AttributeValue ratio) && ratio.Kind == AttributeKind.Double);
        Assert.Equal("retry scheduled", Assert.Single(parsed.Events).Name);
        SpanParseError error = Assert.Single(result.Errors);
        Assert.Equal("resourceSpans[0].scopeSpans[0].spans[1]: traceId must be 16 non-zero bytes, got 3", error.ToString());
    }

    [Fact]
    public void Garbage_bytes_are_a_payload_error_not_a_crash()
    {
        SpanParseResult result = OtlpTraceParser.ParseProtobuf([0xFF, 0xFF, 0xFF, 0x01]);

        Assert.Empty(result.Spans);
        Assert.Equal(-1, Assert.Single(result.Errors).Index);
    }

    [Fact]
    public void Otlp_json_uses_hex_ids_string_numbers_and_enum_names_or_numbers()
    {
        const string json = """
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"orders"}}]},
              "scopeSpans":[{"scope":{"name":"lib"},"spans":[
                {"traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174","parentSpanId":"",
                 "name":"I'm a server span","startTimeUnixNano":"1544712660000000000","endTimeUnixNano":1544712661000000000,
                 "kind":2,"attributes":[{"key":"my.span.attr","value":{"intValue":"42"}},{"key":"arr","value":{"arrayValue":{"values":[{"stringValue":"a"}]}}}],
                 "events":[{"timeUnixNano":"1544712660500000000","name":"warn: slow"}],
                 "status":{"code":"STATUS_CODE_ERROR"}},
                {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b175","kind":"SPAN_KIND_CLIENT","status":{"code":1}},
                {"traceId":"5b8efff798038103","spanId":"eee19b7ec3c1b176"},
                {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b177","startTimeUnixNano":"yesterday"}
              ]}]}]}
            """;

        SpanParseResult result = OtlpTraceParser.ParseJson(Encoding.UTF8.GetBytes(json));

        Assert.Equal(2, result.Spans.Count);
        Span server = result.Spans[0];
        Assert.Equal("5b8efff798038103d269b633813fc60c", server.TraceId.ToString());
        Assert.Null(server.ParentId);
        Assert.Equal("orders", server.ServiceName);
        Assert.Equal(SpanKind.Server, server.Kind);
        Assert.Equal(1_000_000_000L, server.DurationNanos);
        Assert.Equal(SpanStatusCode.Error, server.Status);
        Assert.True(server.TryGetAttribute("my.span.attr", out AttributeValue v) && v.Kind == AttributeKind.Int);
        Assert.True(server.TryGetAttribute("arr", out AttributeValue arr) && arr.AsString!.Contains("\"a\""));
        Assert.Equal(SpanKind.Client, result.Spans[1].Kind);
        Assert.Equal(SpanStatusCode.Ok, result.Spans[1].Status);
        Assert.Equal(
            [
                "resourceSpans[0].scopeSpans[0].spans[2]: traceId must be 32 hex characters",
                "resourceSpans[0].scopeSpans[0].spans[3]: startTimeUnixNano must be an unsigned integer (number or decimal string)",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Otlp_json_syntax_error_is_reported()
    {
        SpanParseResult result = OtlpTraceParser.ParseJson("{\"resourceSpans\": ["u8);

        Assert.Empty(result.Spans);
        Assert.StartsWith("$: malformed JSON", Assert.Single(result.Errors).ToString());
    }
}
