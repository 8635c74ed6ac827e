using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace StreamJobs.Host.Ingest;

/// <summary>
/// Reads and drops the rest of the body of a request answered without it (a 429 before the body was looked at, a 503
/// when the heap limit was hit part-way through it). HTTP/1.1 has no way to tell a sender to stop sending, so whatever
/// it has not sent must be received before it reads the answer.
/// Left to Kestrel, that drain happens after the answer and is cut off after 5 s, which under a CPU stall resets the
/// connection: the sender then sees an error instead of the 429 with Retry-After it would retry on.
/// Only wire bytes are read (nothing is decompressed or kept), through one small pooled buffer.
/// </summary>
internal static class UnreadBody
{
    /// <summary>Bodies declared larger than this are left to Kestrel: reading them costs more than a reconnect.</summary>
    public const long MaxDiscardBytes = 16L * 1024 * 1024;

    public static async Task DiscardAsync(HttpContext http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (request.ContentLength is 0 || request.ContentLength > MaxDiscardBytes) return;
        if (http.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false }) return;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        byte[]? buffer = null;
        try
        {
            buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            long total = 0;
            int read;
            while (total <= MaxDiscardBytes && (read = await request.Body.ReadAsync(buffer, deadline.Token)) > 0) total += read;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or BadHttpRequestException or OutOfMemoryException)
        {
            // Too slow, gone, over Kestrel's own limit, or no memory even for the reads: the answer is written anyway and
            // Kestrel closes the connection.
        }
        finally
        {
            if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
