namespace StreamJobs.Telemetry.Ingest;

/// <summary>Why one span (or the whole payload) of a batch was rejected.</summary>
/// <param name="Index">Ordinal of the span in the payload (0-based), or -1 when the payload itself is unusable.</param>
/// <param name="Location">Where the span sits, e.g. <c>span[3]</c> or <c>resourceSpans[0].scopeSpans[1].spans[2]</c>.</param>
/// <param name="Message">What is wrong, naming the field.</param>
public sealed record SpanParseError(int Index, string Location, string Message)
{
    /// <summary>Formats as <c>location: message</c>, e.g. <c>span[3]: traceId must be 16 or 32 hex characters</c>.</summary>
    public override string ToString() => $"{Location}: {Message}";
}
