namespace StreamJobs.Telemetry.Spans;

/// <summary>A timestamped event (OTLP) or annotation (Zipkin, whose text becomes <see cref="Name"/>).</summary>
/// <param name="TimeUnixNanos">Event time, nanoseconds since the Unix epoch.</param>
/// <param name="Name">Event name or annotation value.</param>
/// <param name="Attributes">Event attributes (always empty for Zipkin).</param>
public sealed record SpanEvent(long TimeUnixNanos, string Name, IReadOnlyList<SpanAttribute> Attributes)
{
    /// <summary>An event without attributes.</summary>
    public SpanEvent(long timeUnixNanos, string name)
        : this(timeUnixNanos, name, [])
    {
    }
}
