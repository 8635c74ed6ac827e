namespace StreamJobs.Telemetry.Spans;

/// <summary>The type held by an <see cref="AttributeValue"/>.</summary>
public enum AttributeKind
{
    /// <summary>No value.</summary>
    Empty = 0,

    /// <summary>Text (Zipkin tags are always text; OTLP arrays and maps are rendered as JSON text).</summary>
    String,

    /// <summary>Boolean.</summary>
    Bool,

    /// <summary>64-bit integer.</summary>
    Int,

    /// <summary>Double-precision number.</summary>
    Double,

    /// <summary>Bytes, held as base64 text.</summary>
    Bytes,
}
