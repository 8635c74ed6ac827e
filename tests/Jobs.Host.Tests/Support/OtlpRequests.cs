using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace StreamJobs.Host.Tests.Support;

/// <summary>OTLP protobuf <c>ExportTraceServiceRequest</c> bodies for ingest tests.</summary>
internal static class OtlpRequests
{
    /// <summary>One span of <paramref name="service"/> in trace <paramref name="traceId"/> (32 hex digits); an error span when asked.</summary>
    public static byte[] OneSpan(string traceId, string service, bool error = false, string spanId = "00000000000000aa") =>
        Request(service, Span(traceId, spanId, error));

    /// <summary>The spans as one resource's, in one scope.</summary>
    public static byte[] Request(string service, params Span[] spans)
    {
        var scope = new ScopeSpans();
        scope.Spans.AddRange(spans);
        var resource = new ResourceSpans { Resource = new Resource { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = service } } } } };
        resource.ScopeSpans.Add(scope);
        return new ExportTraceServiceRequest { ResourceSpans = { resource } }.ToByteArray();
    }

    public static Span Span(string traceId, string spanId, bool error = false) => new()
    {
        TraceId = ByteString.CopyFrom(Convert.FromHexString(traceId)),
        SpanId = ByteString.CopyFrom(Convert.FromHexString(spanId)),
        Name = "GET /",
        StartTimeUnixNano = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000,
        EndTimeUnixNano = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000 + 1_000_000,
        Status = error ? new Status { Code = Status.Types.StatusCode.Error, Message = "declined" } : null,
    };
}
