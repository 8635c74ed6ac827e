using System.Globalization;

namespace StreamJobs.Host.Taps;

/// <summary>What a tap request asks for: <c>q</c> (or the POST body), <c>fanout</c>, <c>duration</c>, and the format from Accept.</summary>
/// <param name="Query">The MQL text.</param>
/// <param name="Fanout">Explicit <c>fanout=true|false</c>, or null for the default.</param>
/// <param name="Duration">Optional end of the tap.</param>
/// <param name="Format">NDJSON or SSE.</param>
internal sealed record TapRequest(string Query, bool? Fanout, TimeSpan? Duration, TapFormat Format)
{
    /// <summary>Reads the request, or returns the reason it is unusable.</summary>
    public static async Task<(TapRequest? Request, string? Error)> ReadAsync(HttpRequest request)
    {
        string? query = request.Query["q"];
        if (string.IsNullOrWhiteSpace(query) && HttpMethods.IsPost(request.Method))
        {
            using var reader = new StreamReader(request.Body);
            query = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        if (string.IsNullOrWhiteSpace(query)) return (null, "missing query: pass ?q=<mql> or POST the query as the body");

        bool? fanout = null;
        if (request.Query["fanout"] is { Count: > 0 } f)
        {
            if (!bool.TryParse(f.ToString(), out var value)) return (null, $"fanout must be true or false but is '{f}'");
            fanout = value;
        }

        TimeSpan? duration = null;
        if (request.Query["duration"] is { Count: > 0 } d)
        {
            if (!TryParseDuration(d.ToString(), out var value)) return (null, $"duration must be like 10s, 500ms, 2m or 00:00:10 but is '{d}'");
            duration = value;
        }

        var sse = request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true);
        return (new TapRequest(query, fanout, duration, sse ? TapFormat.Sse : TapFormat.Ndjson), null);
    }

    /// <summary>Parses <c>500ms</c>, <c>10s</c>, <c>2m</c>, <c>1h</c> or a <see cref="TimeSpan"/> such as <c>00:00:10</c>; must be positive.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1.0)
            : text.EndsWith('s') ? (text[..^1], 1000.0)
            : text.EndsWith('m') ? (text[..^1], 60_000.0)
            : text.EndsWith('h') ? (text[..^1], 3_600_000.0)
            : (null, 0);
        if (number is not null && double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            duration = TimeSpan.FromMilliseconds(n * unit);
        else if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration))
            return false;
        return duration > TimeSpan.Zero;
    }
}
