using System.Globalization;
using System.Text;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace StreamJobs.Spans.Benchmarks;

/// <summary>
/// Request bodies of <see cref="SpansPerRequest"/> spans (10 spans a trace), Zipkin v2 JSON or OTLP protobuf, built
/// once. Every trace id starts with a marker, so the load generator can find the ids and stamp fresh trace numbers into
/// them before each send: the buffer sees new traces, not one trace growing forever, and no body is built per request.
/// </summary>
internal sealed class SpanBodies
{
    private const int SpansPerTrace = 10;
    private const ulong Marker = 0xF00DF00DF00DF00DUL;

    /// <summary>
    /// Spans in each request body: 100 by default; `--spans-per-request 512` sends what an OpenTelemetry SDK's batch
    /// exporter sends by default (its maxExportBatchSize). Traces have 10 spans; the last one of a body may have fewer.
    /// </summary>
    public static int SpansPerRequest { get; private set; } = 100;

    /// <summary>Sets <see cref="SpansPerRequest"/> before any body is built.</summary>
    public static void UseSpansPerRequest(int spans)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spans, 1);
        SpansPerRequest = spans;
    }

    private readonly byte[] _body;
    private readonly int[] _idOffsets; // where each span's variable trace-id part starts
    private readonly bool _hex;

    private SpanBodies(byte[] body, int[] idOffsets, bool hex, string contentType, string path)
    {
        _body = body;
        _idOffsets = idOffsets;
        _hex = hex;
        ContentType = contentType;
        Path = path;
    }

    public string ContentType { get; }

    public string Path { get; }

    /// <summary>Sent as a gRPC call: HTTP/2 without TLS, the answer in the <c>grpc-status</c> trailer.</summary>
    public bool IsGrpc => ContentType == GrpcContentType;

    public const string GrpcPath = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
    private const string GrpcContentType = "application/grpc";

    public int Length => _body.Length;

    /// <summary>A private copy for one sender, with the traces numbered from <paramref name="firstTrace"/>.</summary>
    public byte[] Stamp(byte[] copy, long firstTrace)
    {
        if (copy.Length != _body.Length) copy = (byte[])_body.Clone();
        for (var i = 0; i < _idOffsets.Length; i++)
        {
            var trace = (ulong)(firstTrace + i / SpansPerTrace);
            var at = _idOffsets[i];
            if (_hex)
            {
                for (var digit = 15; digit >= 0; digit--, trace >>= 4) copy[at + digit] = (byte)"0123456789abcdef"[(int)(trace & 0xF)];
            }
            else
            {
                for (var b = 7; b >= 0; b--, trace >>= 8) copy[at + b] = (byte)trace;
            }
        }
        return copy;
    }

    public static int TracesPerRequest => (SpansPerRequest + SpansPerTrace - 1) / SpansPerTrace;

    public static SpanBodies ZipkinJson()
    {
        var text = new StringBuilder("[");
        for (var i = 0; i < SpansPerRequest; i++)
        {
            if (i > 0) text.Append(',');
            var parent = i % SpansPerTrace == 0 ? "" : "\"parentId\":\"" + ((ulong)(i - i % SpansPerTrace + 1)).ToString("x16", CultureInfo.InvariantCulture) + "\",";
            text.Append(CultureInfo.InvariantCulture, $$$"""{"traceId":"{{{Marker:x16}}}{{{(ulong)(i / SpansPerTrace):x16}}}","id":"{{{(ulong)(i + 1):x16}}}",{{{parent}}}"name":"GET /api/orders/{{{i % 7}}}","timestamp":1700000000000000,"duration":{{{1500 + i}}},"kind":"SERVER","localEndpoint":{"serviceName":"svc-{{{i % 5}}}","ipv4":"10.0.0.{{{i % 200}}}"},"remoteEndpoint":{"serviceName":"db"},"tags":{"http.method":"GET","http.status_code":"200","region":"us-east-1"}}""");
        }
        var body = Encoding.UTF8.GetBytes(text.Append(']').ToString());
        return new SpanBodies(body, Find(body, Encoding.ASCII.GetBytes($"{Marker:x16}"), 16), hex: true, "application/json", "/api/v2/spans");
    }

    public static SpanBodies OtlpProtobuf()
    {
        var body = OtlpRequest().ToByteArray();
        return new SpanBodies(body, Find(body, BitConverter.GetBytes(Marker), 8), hex: false, "application/x-protobuf", "/v1/traces");
    }

    /// <summary>The same message as one gRPC frame: a flag byte (not compressed), the length big-endian, the message.</summary>
    public static SpanBodies OtlpGrpc()
    {
        var message = OtlpRequest().ToByteArray();
        var body = new byte[5 + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(body.AsSpan(1), message.Length);
        message.CopyTo(body, 5);
        return new SpanBodies(body, Find(body, BitConverter.GetBytes(Marker), 8), hex: false, GrpcContentType, GrpcPath);
    }

    private static ExportTraceServiceRequest OtlpRequest()
    {
        var scope = new ScopeSpans { Scope = new InstrumentationScope { Name = "bench" } };
        for (var i = 0; i < SpansPerRequest; i++)
        {
            var traceId = new byte[16];
            BitConverter.TryWriteBytes(traceId.AsSpan(0, 8), Marker);
            var span = new Span
            {
                TraceId = ByteString.CopyFrom(traceId),
                SpanId = ByteString.CopyFrom(BitConverter.GetBytes((ulong)(i + 1))),
                Name = $"GET /api/orders/{i % 7}",
                Kind = Span.Types.SpanKind.Server,
                StartTimeUnixNano = 1_700_000_000_000_000_000UL,
                EndTimeUnixNano = 1_700_000_000_001_500_000UL + (ulong)i,
            };
            if (i % SpansPerTrace != 0) span.ParentSpanId = ByteString.CopyFrom(BitConverter.GetBytes((ulong)(i - i % SpansPerTrace + 1)));
            span.Attributes.Add(Attribute("http.method", "GET"));
            span.Attributes.Add(Attribute("http.status_code", "200"));
            span.Attributes.Add(Attribute("region", "us-east-1"));
            scope.Spans.Add(span);
        }
        var resource = new Resource();
        resource.Attributes.Add(Attribute("service.name", "svc-otlp"));
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(new ResourceSpans { Resource = resource, ScopeSpans = { scope } });
        return request;
    }

    private static KeyValue Attribute(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    private static int[] Find(byte[] body, byte[] marker, int markerLength)
    {
        var offsets = new List<int>(SpansPerRequest);
        for (var at = body.AsSpan().IndexOf(marker); at >= 0 && offsets.Count < SpansPerRequest;)
        {
            offsets.Add(at + markerLength);
            var next = body.AsSpan(at + markerLength).IndexOf(marker);
            at = next < 0 ? -1 : at + markerLength + next;
        }
        if (offsets.Count != SpansPerRequest) throw new InvalidOperationException($"found {offsets.Count} trace ids in the body, expected {SpansPerRequest}");
        return [.. offsets];
    }
}
