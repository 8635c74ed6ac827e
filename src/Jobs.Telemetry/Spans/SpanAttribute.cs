namespace StreamJobs.Telemetry.Spans;

/// <summary>A span tag (Zipkin) or attribute (OTLP).</summary>
/// <param name="Key">Attribute key.</param>
/// <param name="Value">Typed value.</param>
public readonly record struct SpanAttribute(string Key, AttributeValue Value);
