using System.IO.Compression;
using Grpc.Core;
using Grpc.Net.Compression;

namespace StreamJobs.Host.Ingest.OtlpGrpc;

/// <summary>
/// <c>grpc-encoding: gzip</c> with the span ingest body limit applied after decompression (the frame limit,
/// MaxReceiveMessageSize, only bounds the compressed bytes), so a small bomb cannot inflate without bound:
/// past the limit the call ends with RESOURCE_EXHAUSTED.
/// </summary>
internal sealed class BoundedGzipProvider(SpanIngestGate gate) : ICompressionProvider
{
    public string EncodingName => "gzip";

    public Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel) =>
        new GZipStream(stream, compressionLevel ?? CompressionLevel.Fastest, leaveOpen: true);

    public Stream CreateDecompressionStream(Stream stream) =>
        new Bounded(new GZipStream(stream, CompressionMode.Decompress), gate.Limits.MaxRequestBytes);

    /// <summary>A read-only stream that fails once more than its limit was read.</summary>
    private sealed class Bounded(Stream inner, int limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            try
            {
                return Count(inner.Read(buffer));
            }
            catch (InvalidDataException bad)
            {
                throw Corrupt(bad);
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return Count(await inner.ReadAsync(buffer, cancellationToken));
            }
            catch (InvalidDataException bad)
            {
                throw Corrupt(bad);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        private static RpcException Corrupt(InvalidDataException bad) =>
            new(new Status(StatusCode.InvalidArgument, "the gzip body is corrupt: " + bad.Message));

        private int Count(int read)
        {
            _read += read;
            if (_read > limit)
            {
                throw new RpcException(new Status(StatusCode.ResourceExhausted,
                    $"the request is larger than {limit} bytes after decompression (StreamJobs:Jobs:span-ingest:MaxRequestBytes); send smaller batches."));
            }
            return read;
        }
    }
}
