using System.Buffers;
using Microsoft.AspNetCore.Http;
using StreamJobs.Host.Ingest;

namespace StreamJobs.Host.Tests.Ingest;

/// <summary>Every buffer a request body rents goes back to the pool, whichever way the read ends.</summary>
public sealed class RequestBodyTests
{
    public static TheoryData<string> Failures => ["aborted", "bad request", "corrupt gzip", "too large", "read"];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Each_rented_buffer_is_returned_once_the_read_ends(string way)
    {
        var pool = new CountingPool();
        var http = new DefaultHttpContext();
        http.Request.Body = way switch
        {
            "aborted" => new FailingStream(40_000, new OperationCanceledException("client went away")),
            "bad request" => new FailingStream(40_000, new BadHttpRequestException("Unexpected end of request content.")),
            "corrupt gzip" => new MemoryStream([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff]),
            _ => new MemoryStream(new byte[way == "too large" ? 70_000 : 50_000]),
        };
        if (way == "corrupt gzip") http.Request.Headers.ContentEncoding = "gzip";

        try
        {
            using var body = await RequestBody.ReadAsync(http.Request, 64 * 1024, "setting", pool, CancellationToken.None);
            Assert.Equal(way switch { "corrupt gzip" => 400, "too large" => 413, _ => 0 }, body.Status);
        }
        catch (Exception e) when (e is OperationCanceledException or BadHttpRequestException)
        {
            Assert.True(way is "aborted" or "bad request", e.Message);
        }

        Assert.True(pool.Rented > 0);
        Assert.Equal(pool.Rented, pool.Returned);
    }

    private sealed class CountingPool : ArrayPool<byte>
    {
        public int Rented { get; private set; }

        public int Returned { get; private set; }

        public override byte[] Rent(int minimumLength)
        {
            Rented++;
            return new byte[minimumLength];
        }

        public override void Return(byte[] array, bool clearArray = false) => Returned++;
    }

    /// <summary>Gives <c>count</c> bytes, then fails as a client abort or Kestrel's bad-request error does.</summary>
    private sealed class FailingStream(int count, Exception failure) : Stream
    {
        private int _left = count;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_left == 0) throw failure;
            var n = Math.Min(_left, buffer.Length);
            _left -= n;
            return ValueTask.FromResult(n);
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
