using System.Text;
using StreamJobs.Mql;

namespace StreamJobs.Host.Taps;

/// <summary>What a tap request asks for: <c>q</c> (or the POST body), <c>fanout</c>, <c>duration</c>, and the format from Accept.</summary>
/// <param name="Query">The MQL text.</param>
/// <param name="Fanout">Explicit <c>fanout=true|false</c>, or null for the default.</param>
/// <param name="Duration">Optional end of the tap.</param>
/// <param name="Format">NDJSON or SSE.</param>
internal sealed record TapRequest(string Query, bool? Fanout, TimeSpan? Duration, TapFormat Format)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the request, or returns the status (400, 413) and reason it is unusable.</summary>
    public static async Task<(TapRequest? Request, int Status, string? Error)> ReadAsync(HttpRequest request, TapOptions options)
    {
        string? query = request.Query["q"];
        if (string.IsNullOrWhiteSpace(query) && HttpMethods.IsPost(request.Method))
        {
            var (body, status, error) = await ReadBodyAsync(request, options.MaxQueryBytes).ConfigureAwait(false);
            if (body is null) return (null, status, error);
            query = body;
        }
        if (string.IsNullOrWhiteSpace(query)) return Bad("missing query: pass ?q=<mql> or POST the query as the body");

        bool? fanout = null;
        if (request.Query["fanout"] is { Count: > 0 } f)
        {
            if (!bool.TryParse(f.ToString(), out var value)) return Bad($"fanout must be true or false but is '{f}'");
            fanout = value;
        }

        TimeSpan? duration = null;
        if (request.Query["duration"] is { Count: > 0 } d)
        {
            var text = d.ToString();
            if (!TryParseDuration(text, out var value)) return Bad($"duration must be positive, like 10s, 500ms, 2m or 00:00:10, but is '{text}'");
            if (value > options.MaxDuration)
                return Bad($"duration '{text}' is longer than the longest tap allowed here, {options.MaxDuration} ({TapOptions.Section}:MaxDuration)");
            duration = value;
        }

        var sse = request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true);
        return (new TapRequest(query, fanout, duration, sse ? TapFormat.Sse : TapFormat.Ndjson), StatusCodes.Status200OK, null);
    }

    // Numbers too large for a TimeSpan (99999999999h, 1e300s) are bad input, not a server error.
    private static bool TryParseDuration(string text, out TimeSpan duration)
    {
        try
        {
            return MqlDuration.TryParse(text, out duration);
        }
        catch (Exception e) when (e is OverflowException or ArgumentException)
        {
            duration = default;
            return false;
        }
    }

    /// <summary>The body as UTF-8 text, read only up to <paramref name="maxBytes"/>: the parser never sees more.</summary>
    private static async Task<(string? Body, int Status, string? Error)> ReadBodyAsync(HttpRequest request, int maxBytes)
    {
        var tooLarge = $"the query is larger than {maxBytes} bytes ({TapOptions.Section}:MaxQueryBytes)";
        if (request.ContentLength > maxBytes) return (null, StatusCodes.Status413PayloadTooLarge, tooLarge);
        var buffer = new byte[Math.Min(maxBytes + 1, (int)Math.Min(request.ContentLength ?? 4096, maxBytes) + 1)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length > maxBytes) return (null, StatusCodes.Status413PayloadTooLarge, tooLarge);
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxBytes + 1L));
            }
            var read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted).ConfigureAwait(false);
            if (read == 0) break;
            length += read;
        }
        try
        {
            return (StrictUtf8.GetString(buffer, 0, length), StatusCodes.Status200OK, null);
        }
        catch (DecoderFallbackException)
        {
            return (null, StatusCodes.Status400BadRequest, "the query body is not valid UTF-8");
        }
    }

    private static (TapRequest?, int, string?) Bad(string error) => (null, StatusCodes.Status400BadRequest, error);
}
