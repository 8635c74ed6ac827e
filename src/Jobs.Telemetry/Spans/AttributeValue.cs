using System.Globalization;

namespace StreamJobs.Telemetry.Spans;

/// <summary>A typed attribute value without boxing: numbers live in one field, text in another.</summary>
public readonly struct AttributeValue : IEquatable<AttributeValue>
{
    private readonly long _bits;
    private readonly string? _text;

    private AttributeValue(AttributeKind kind, long bits, string? text)
    {
        Kind = kind;
        _bits = bits;
        _text = text;
    }

    /// <summary>The type held.</summary>
    public AttributeKind Kind { get; }

    /// <summary>A text value.</summary>
    public static AttributeValue FromString(string value) => new(AttributeKind.String, 0, value);

    /// <summary>A boolean value.</summary>
    public static AttributeValue FromBool(bool value) => new(AttributeKind.Bool, value ? 1 : 0, null);

    /// <summary>An integer value.</summary>
    public static AttributeValue FromInt(long value) => new(AttributeKind.Int, value, null);

    /// <summary>A floating-point value.</summary>
    public static AttributeValue FromDouble(double value) => new(AttributeKind.Double, BitConverter.DoubleToInt64Bits(value), null);

    /// <summary>A bytes value (kept as base64 text).</summary>
    public static AttributeValue FromBytes(ReadOnlySpan<byte> value) => new(AttributeKind.Bytes, 0, Convert.ToBase64String(value));

    /// <summary>Implicit text conversion, handy for Zipkin tags.</summary>
    public static implicit operator AttributeValue(string value) => FromString(value);

    /// <summary>The text if <see cref="Kind"/> is String or Bytes, otherwise null.</summary>
    public string? AsString => _text;

    /// <summary>Reads the value as an integer: Int, Double (truncated), or text that parses as an integer.</summary>
    public bool TryGetInt64(out long value)
    {
        switch (Kind)
        {
            case AttributeKind.Int:
                value = _bits;
                return true;
            case AttributeKind.Double:
                value = (long)BitConverter.Int64BitsToDouble(_bits);
                return true;
            case AttributeKind.String:
                return long.TryParse(_text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
            default:
                value = 0;
                return false;
        }
    }

    /// <summary>Reads the value as a boolean: Bool, or text "true"/"false" in any case.</summary>
    public bool TryGetBool(out bool value)
    {
        switch (Kind)
        {
            case AttributeKind.Bool:
                value = _bits != 0;
                return true;
            case AttributeKind.String:
                return bool.TryParse(_text, out value);
            default:
                value = false;
                return false;
        }
    }

    /// <summary>The value as invariant text (how it is written to Zipkin tags).</summary>
    public override string ToString() => Kind switch
    {
        AttributeKind.String or AttributeKind.Bytes => _text!,
        AttributeKind.Bool => _bits != 0 ? "true" : "false",
        AttributeKind.Int => _bits.ToString(CultureInfo.InvariantCulture),
        AttributeKind.Double => BitConverter.Int64BitsToDouble(_bits).ToString("R", CultureInfo.InvariantCulture),
        _ => string.Empty,
    };

    /// <inheritdoc />
    public bool Equals(AttributeValue other) => Kind == other.Kind && _bits == other._bits && string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AttributeValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, _bits, _text);

    /// <summary>Value equality.</summary>
    public static bool operator ==(AttributeValue left, AttributeValue right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(AttributeValue left, AttributeValue right) => !left.Equals(right);

    internal int EstimateBytes() => 16 + 2 * (_text?.Length ?? 0);
}
