using Grpc.Core;
using Grpc.Net.Client;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace StreamJobs.Host.Tests.Support;

/// <summary>A real gRPC client (Grpc.Net.Client, HTTP/2 without TLS) calling OTLP TraceService/Export with raw request bytes.</summary>
public sealed class OtlpGrpcClient : IDisposable
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);
    private static readonly Method<byte[], byte[]> Export = new(MethodType.Unary, "opentelemetry.proto.collector.trace.v1.TraceService", "Export", Bytes, Bytes);

    private readonly GrpcChannel _channel;

    public OtlpGrpcClient(int port) => _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");

    /// <summary>Sends <paramref name="request"/> (gzip-compressed on the wire when asked) and returns the parsed response; failures throw <see cref="RpcException"/>.</summary>
    internal async Task<ExportTraceServiceResponse> ExportAsync(byte[] request, bool gzip = false, Metadata? headers = null)
    {
        var metadata = headers ?? new Metadata();
        if (gzip) metadata.Add("grpc-internal-encoding-request", "gzip");
        var options = new CallOptions(metadata, DateTime.UtcNow.AddSeconds(30));
        var answer = await _channel.CreateCallInvoker().AsyncUnaryCall(Export, null, options, request);
        return ExportTraceServiceResponse.Parser.ParseFrom(answer);
    }

    public void Dispose() => _channel.Dispose();
}
