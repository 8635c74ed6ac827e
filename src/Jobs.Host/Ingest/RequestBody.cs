using System.Buffers;
using System.IO.Compression;
using Microsoft.Extensions.Options;
using StreamJobs.Host.Memory;

namespace StreamJobs.Host.Ingest;

/// <summary>
/// Reads a request body into one pooled buffer, never past a limit (checked on the declared length and again while
/// reading, also after gzip decompression). Dispose returns the buffer.
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private readonly ArrayPool<byte>? _pool;
    private byte[]? _buffer;

    private RequestBody(byte[]? buffer, int length, int status, string? error, ArrayPool<byte>? pool = null)
    {
        _pool = pool;
        _buffer = buffer;
        Length = length;
        Status = status;
        Error = error;
    }

    public int Length { get; }

    /// <summary>0 when read; otherwise the status to answer (413 too large, 415 unknown encoding, 400 bad gzip, 408 too slow).</summary>
    public int Status { get; }

    public string? Error { get; }

    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, Length);

    /// <summary>The same bytes, for an async caller.</summary>
    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    public static Task<RequestBody> ReadAsync(HttpRequest request, int maxBytes, string setting, CancellationToken cancellationToken) =>
        ReadAsync(request, maxBytes, setting, IngestBufferPool.Instance, cancellationToken);

    /// <summary>As above, renting from <paramref name="pool"/> (a test counts rents and returns).</summary>
    internal static async Task<RequestBody> ReadAsync(HttpRequest request, int maxBytes, string setting, ArrayPool<byte> pool, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) return TooLarge(maxBytes, setting);
        var encoding = request.Headers.ContentEncoding.ToString();
        Stream input;
        if (string.IsNullOrEmpty(encoding) || encoding.Equals("identity", StringComparison.OrdinalIgnoreCase)) input = request.Body;
        else if (encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase)) input = new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
        else return new RequestBody(null, 0, StatusCodes.Status415UnsupportedMediaType, $"Content-Encoding '{encoding}' is not supported; use gzip or none.");

        // The body must arrive within the timeout: the request holds an ingest permit while it trickles in.
        var timeout = request.HttpContext.RequestServices?.GetService<IOptions<MemoryOptions>>()?.Value.IngestBodyTimeout ?? new MemoryOptions().IngestBodyTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var buffer = pool.Rent((int)Math.Min(Math.Max(request.ContentLength ?? 16 * 1024, 1024), maxBytes + 1L));
        var length = 0;
        // The buffer goes back to the pool on every way out (a corrupt gzip, a client abort, a bad request from
        // Kestrel, an oversized body) unless the returned body owns it.
        var owned = false;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes) break;
                    var larger = pool.Rent((int)Math.Min(buffer.Length * 2L, maxBytes + 1L));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    pool.Return(buffer);
                    buffer = larger;
                }
                var read = await input.ReadAsync(buffer.AsMemory(length, (int)Math.Min(buffer.Length - length, maxBytes + 1L - length)), deadline.Token);
                if (read == 0) break;
                length += read;
                if (length > maxBytes) break;
            }
            if (length > maxBytes) return TooLarge(maxBytes, setting);
            owned = true;
            return new RequestBody(buffer, length, 0, null, pool);
        }
        catch (InvalidDataException bad)
        {
            return new RequestBody(null, 0, StatusCodes.Status400BadRequest, "the gzip body is corrupt: " + bad.Message);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new RequestBody(null, 0, StatusCodes.Status408RequestTimeout,
                $"the request body did not arrive within {timeout} ({MemoryOptions.Section}:IngestBodyTimeout); send it faster or in smaller batches.");
        }
        finally
        {
            if (!owned) pool.Return(buffer);
            if (!ReferenceEquals(input, request.Body)) await input.DisposeAsync();
        }
    }

    public void Dispose()
    {
        if (_buffer is { } buffer) _pool!.Return(buffer);
        _buffer = null;
    }

    private static RequestBody TooLarge(int maxBytes, string setting) =>
        new(null, 0, StatusCodes.Status413PayloadTooLarge, $"the request body is larger than {maxBytes} bytes after decompression ({setting}); send smaller batches.");
}
