namespace StreamJobs.Host.Tests.Taps.Support;

/// <summary>
/// A response body as slow as a client that reads slowly: every write takes <paramref name="delay"/>. Like Kestrel's, a
/// write whose token is cancelled aborts the connection, so every later write fails.
/// </summary>
public sealed class SlowStream(TimeSpan delay) : Stream
{
    private readonly MemoryStream _written = new();

    public bool Aborted { get; private set; }

    public string Text
    {
        get
        {
            lock (_written) return System.Text.Encoding.UTF8.GetString(_written.ToArray());
        }
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Aborted) throw new IOException("the connection was aborted by an earlier cancelled write");
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Aborted = true;
            throw;
        }
        lock (_written) _written.Write(buffer.Span);
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Aborted ? throw new IOException("aborted") : Task.CompletedTask;
    public override void Flush() { }
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
