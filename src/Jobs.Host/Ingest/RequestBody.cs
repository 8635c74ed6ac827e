using System.Buffers;
using System.IO.Compression;

namespace StreamJobs.Host.Ingest;

/// <summary>
/// Reads a request body into one pooled buffer, never past a limit (checked on the declared length and again while
/// reading, also after gzip decompression). Dispose returns the buffer.
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private byte[]? _buffer;

    private RequestBody(byte[]? buffer, int length, int status, string? error)
    {
        _buffer = buffer;
        Length = length;
        Status = status;
        Error = error;
    }

    public int Length { get; }

    /// <summary>0 when read; otherwise the status to answer (413 too large, 415 unknown encoding, 400 bad gzip).</summary>
    public int Status { get; }

    public string? Error { get; }

    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, Length);

    public static async Task<RequestBody> ReadAsync(HttpRequest request, int maxBytes, string setting, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) return TooLarge(maxBytes, setting);
        var encoding = request.Headers.ContentEncoding.ToString();
        Stream input;
        if (string.IsNullOrEmpty(encoding) || encoding.Equals("identity", StringComparison.OrdinalIgnoreCase)) input = request.Body;
        else if (encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase)) input = new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
        else return new RequestBody(null, 0, StatusCodes.Status415UnsupportedMediaType, $"Content-Encoding '{encoding}' is not supported; use gzip or none.");

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max(request.ContentLength ?? 16 * 1024, 1024), maxBytes + 1L));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes) break;
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, maxBytes + 1L));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await input.ReadAsync(buffer.AsMemory(length, (int)Math.Min(buffer.Length - length, maxBytes + 1L - length)), cancellationToken);
                if (read == 0) break;
                length += read;
                if (length > maxBytes) break;
            }
        }
        catch (InvalidDataException bad)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return new RequestBody(null, 0, StatusCodes.Status400BadRequest, "the gzip body is corrupt: " + bad.Message);
        }
        finally
        {
            if (!ReferenceEquals(input, request.Body)) await input.DisposeAsync();
        }
        if (length > maxBytes)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return TooLarge(maxBytes, setting);
        }
        return new RequestBody(buffer, length, 0, null);
    }

    public void Dispose()
    {
        if (_buffer is { } buffer) ArrayPool<byte>.Shared.Return(buffer);
        _buffer = null;
    }

    private static RequestBody TooLarge(int maxBytes, string setting) =>
        new(null, 0, StatusCodes.Status413PayloadTooLarge, $"the request body is larger than {maxBytes} bytes after decompression ({setting}); send smaller batches.");
}
