using StreamJobs.Mql;

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
            if (!MqlDuration.TryParse(d.ToString(), out var value)) return (null, $"duration must be like 10s, 500ms, 2m or 00:00:10 but is '{d}'");
            duration = value;
        }

        var sse = request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true);
        return (new TapRequest(query, fanout, duration, sse ? TapFormat.Sse : TapFormat.Ndjson), null);
    }
}
