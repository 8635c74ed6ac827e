namespace StreamJobs.Host.Taps;

/// <summary>How a tap response is framed.</summary>
internal enum TapFormat
{
    /// <summary><c>application/x-ndjson</c>: one JSON object per line.</summary>
    Ndjson,

    /// <summary><c>text/event-stream</c>: results as <c>data:</c> events, counters as <c>event: meta</c>.</summary>
    Sse,
}
