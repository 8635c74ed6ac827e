using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using StreamJobs.Telemetry.Otlp;

namespace StreamJobs.Host.Ingest.OtlpGrpc;

/// <summary>
/// OTLP/gRPC <c>opentelemetry.proto.collector.trace.v1.TraceService/Export</c>: the request's protobuf bytes go
/// through <see cref="SpanIngestSteps"/> like OTLP/HTTP's, and the answer is the same <c>ExportTraceServiceResponse</c>
/// (with <c>partial_success</c> when spans were rejected). Failures are gRPC statuses as the OTLP spec has them:
/// RESOURCE_EXHAUSTED with RetryInfo when the queue is full, UNAVAILABLE (with RetryInfo) when ingest is not running
/// or Kafka did not acknowledge in time, INVALID_ARGUMENT for a body that cannot be taken.
/// </summary>
internal sealed class OtlpTraceService(SpanIngestGate gate, ILoggerFactory loggers)
{
    public const string Protocol = "otlp_grpc";

    /// <summary>Marks a call this service answered and counted, so <see cref="OtlpGrpcMetering"/> does not count it again.</summary>
    public static readonly object Counted = new();

    public static readonly Method<GrpcPayload, byte[]> Export = new(
        MethodType.Unary, "opentelemetry.proto.collector.trace.v1.TraceService", "Export", GrpcPayload.RequestMarshaller, GrpcPayload.ResponseMarshaller);

    public async Task<byte[]> ExportAsync(GrpcPayload request, ServerCallContext call)
    {
        using var payload = request;
        var http = call.GetHttpContext();
        http.Items[Counted] = true;
        var outcome = await SpanIngestSteps.RunAsync(gate, Protocol, SpanFormat.OtlpProtobuf, payload.Memory, http.Request.Headers, call.CancellationToken);
        gate.Metrics.Request(Protocol, outcome.HttpStatus);
        if (outcome.Verdict != SpanIngestVerdict.Accepted) throw Failure(outcome);
        if (outcome.Rejected > 0) OtlpIngestLog.Rejected(loggers, outcome);
        return OtlpExportResponse.Protobuf(outcome.Rejected, outcome.Rejected == 0 ? null : outcome.Message);
    }

    /// <summary>The status, with RetryInfo in <c>grpc-status-details-bin</c> when a retry may succeed (the OTLP exporter waits that long).</summary>
    private RpcException Failure(SpanIngestOutcome outcome)
    {
        var status = new Google.Rpc.Status { Code = outcome.GrpcCode, Message = outcome.Message ?? "" };
        if (outcome.RetryLater)
            status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(gate.Limits.RetryAfterSeconds)) }));
        return status.ToRpcException();
    }
}
