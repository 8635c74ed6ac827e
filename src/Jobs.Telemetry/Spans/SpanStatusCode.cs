namespace StreamJobs.Telemetry.Spans;

/// <summary>OTLP span status; Zipkin spans stay <see cref="Unset"/> (their errors are the <c>error</c> tag).</summary>
public enum SpanStatusCode
{
    /// <summary>No status recorded.</summary>
    Unset = 0,

    /// <summary>Marked successful.</summary>
    Ok = 1,

    /// <summary>Marked failed.</summary>
    Error = 2,
}
