using System.Text;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;
using StreamJobs.Telemetry.Flows;
using StreamJobs.Telemetry.Tests.Flows;
using OtlpSpan = OpenTelemetry.Proto.Trace.V1.Span;

namespace StreamJobs.Telemetry.Tests.Ingest;

/// <summary>Valid bodies of every ingest format: the seeds the fuzz loop mutates.</summary>
internal static class IngestSamples
{
    public const string ZipkinSpan = """
        {"traceId":"463ac35c9f6413ad48485a3953bb6124","id":"a2fb4a1d1a96d312","parentId":"0020000000000001",
         "name":"get /api","kind":"SERVER","timestamp":1556604172355737,"duration":1431,
         "localEndpoint":{"serviceName":"backend","ipv4":"192.168.99.1","port":3306},"remoteEndpoint":{"ipv6":"::1","port":80},
         "annotations":[{"timestamp":1556604172355800,"value":"wr"}],"tags":{"http.method":"GET","n":5},"debug":true,"shared":true}
        """;

    public const string OtlpJson = """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"shop"}},{"key":"host.cores","value":{"intValue":"8"}}]},
          "scopeSpans":[{"scope":{"name":"x"},"spans":[
            {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","parentSpanId":"eee19b7ec3c1b173","name":"GET /cart",
             "kind":"SPAN_KIND_SERVER","startTimeUnixNano":"1544712660000000000","endTimeUnixNano":"1544712661000000000","flags":1,
             "attributes":[{"key":"a","value":{"boolValue":true}},{"key":"b","value":{"doubleValue":0.5}},{"key":"c","value":{"bytesValue":"AAE="}},
                           {"key":"d","value":{"arrayValue":{"values":[{"intValue":1}]}}}],
             "events":[{"timeUnixNano":"1544712660500000000","name":"e","attributes":[]}],"status":{"code":2,"message":"boom"}},
            {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b175","name":"SELECT","kind":3}]}]}]}
        """;

    public static byte[] Zipkin => Encoding.UTF8.GetBytes($"[{ZipkinSpan},{ZipkinSpan.Replace("a2fb4a1d1a96d312", "a2fb4a1d1a96d313")}]");

    public static byte[] OtlpJsonBytes => Encoding.UTF8.GetBytes(OtlpJson);

    public static byte[] OtlpProtobuf()
    {
        var span = new OtlpSpan
        {
            TraceId = ByteString.CopyFrom(Convert.FromHexString("5b8efff798038103d269b633813fc60c")),
            SpanId = ByteString.CopyFrom(Convert.FromHexString("eee19b7ec3c1b174")),
            Name = "POST /charge",
            StartTimeUnixNano = 1_544_712_660_000_000_000UL,
            EndTimeUnixNano = 1_544_712_661_000_000_000UL,
            Status = new Status { Code = Status.Types.StatusCode.Error, Message = "declined" },
        };
        span.Attributes.Add(new KeyValue { Key = "http.status_code", Value = new AnyValue { IntValue = 503 } });
        span.Events.Add(new OtlpSpan.Types.Event { Name = "retry", TimeUnixNano = 1 });
        var resource = new ResourceSpans { Resource = new Resource() };
        resource.Resource.Attributes.Add(new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "payments" } });
        var scope = new ScopeSpans();
        scope.Spans.Add(span);
        scope.Spans.Add(span.Clone());
        resource.ScopeSpans.Add(scope);
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(resource);
        return request.ToByteArray();
    }

    public static byte[] FlowJson => FlowJsonBatchEncoder.ToUtf8(SampleFlows.Create(4));

    public static byte[] FlowDatagram()
    {
        var buffer = new byte[FlowBinaryFormat.DefaultMaxDatagramSize];
        int length = new FlowDatagramEncoder().Encode(SampleFlows.Create(6), buffer, sequence: 7, out _);
        return buffer[..length];
    }
}
