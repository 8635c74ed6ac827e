using System.Buffers;
using Grpc.Core;

namespace StreamJobs.Host.Ingest.OtlpGrpc;

/// <summary>
/// A gRPC message's bytes as they came, in a pooled buffer: the OTLP service parses them itself (no generated message
/// types), so the marshaller only copies the frame. Dispose returns the buffer.
/// </summary>
internal sealed class GrpcPayload : IDisposable
{
    private byte[]? _buffer;

    private GrpcPayload(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    /// <summary>Requests in, as pooled bytes; the server never serializes one.</summary>
    public static Marshaller<GrpcPayload> RequestMarshaller { get; } = new(
        (payload, context) => context.Complete(payload.Memory.ToArray()),
        context =>
        {
            var sequence = context.PayloadAsReadOnlySequence();
            var buffer = IngestBufferPool.Instance.Rent((int)Math.Max(1, sequence.Length));
            sequence.CopyTo(buffer);
            return new GrpcPayload(buffer, (int)sequence.Length);
        });

    /// <summary>Responses out, already encoded.</summary>
    public static Marshaller<byte[]> ResponseMarshaller { get; } = new((bytes, context) => context.Complete(bytes), context => context.PayloadAsNewBuffer());

    public void Dispose()
    {
        if (_buffer is { } buffer) IngestBufferPool.Instance.Return(buffer);
        _buffer = null;
    }
}
