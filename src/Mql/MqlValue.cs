using System.Globalization;
using System.Text.Json;
using StreamJobs.Mql.Values;

namespace StreamJobs.Mql;

/// <summary>
/// A value read from a record or written in a query: null, boolean, number, string, or a structured
/// JSON/typed value. A struct so that reading scalar properties does not box.
/// </summary>
public readonly struct MqlValue : IEquatable<MqlValue>
{
    private readonly double _number;
    private readonly object? _reference;
    private readonly JsonElement _json;

    private MqlValue(MqlValueKind kind, double number, object? reference, JsonElement json)
    {
        Kind = kind;
        _number = number;
        _reference = reference;
        _json = json;
    }

    /// <summary>The null value (also what an unknown property reads as).</summary>
    public static MqlValue Null => default;

    /// <summary>The boolean true.</summary>
    public static MqlValue True => new(MqlValueKind.Boolean, 1, null, default);

    /// <summary>The boolean false.</summary>
    public static MqlValue False => new(MqlValueKind.Boolean, 0, null, default);

    /// <summary>What this value holds.</summary>
    public MqlValueKind Kind { get; }

    /// <summary>True when this is <see cref="Null"/>.</summary>
    public bool IsNull => Kind == MqlValueKind.Null;

    /// <summary>The number, or NaN when this is not a number.</summary>
    public double Number => Kind == MqlValueKind.Number ? _number : double.NaN;

    /// <summary>The string, or null when this is not a string.</summary>
    public string? String => Kind == MqlValueKind.String ? (string?)_reference : null;

    /// <summary>The boolean, or false when this is not a boolean.</summary>
    public bool Boolean => Kind == MqlValueKind.Boolean && _number != 0;

    /// <summary>The JSON object or array, or <c>default</c> when this is not <see cref="MqlValueKind.Json"/>.</summary>
    public JsonElement Json => Kind == MqlValueKind.Json ? _json : default;

    internal MqlStructuredValue? Structured => _reference as MqlStructuredValue;

    /// <summary>Creates a number.</summary>
    public static MqlValue FromNumber(double value) => new(MqlValueKind.Number, value, null, default);

    /// <summary>Creates a boolean.</summary>
    public static MqlValue FromBoolean(bool value) => value ? True : False;

    /// <summary>Creates a string; a null string gives <see cref="Null"/>.</summary>
    public static MqlValue FromString(string? value) =>
        value is null ? default : new(MqlValueKind.String, 0, value, default);

    /// <summary>Creates a number, or <see cref="Null"/> when the value is absent.</summary>
    public static MqlValue FromNumber(double? value) => value is { } v ? FromNumber(v) : default;

    /// <summary>
    /// Converts a JSON element: primitives become null/boolean/number/string, objects and arrays stay JSON.
    /// </summary>
    public static MqlValue FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => FromString(element.GetString()),
        JsonValueKind.Number => FromNumber(element.GetDouble()),
        JsonValueKind.True => True,
        JsonValueKind.False => False,
        JsonValueKind.Object or JsonValueKind.Array => new(MqlValueKind.Json, 0, null, element),
        _ => default,
    };

    /// <summary>A copy that stays valid after the record's JsonDocument is disposed (for values kept across records).</summary>
    internal MqlValue Detach() => Kind == MqlValueKind.Json ? new(MqlValueKind.Json, 0, null, _json.Clone()) : this;

    internal static MqlValue FromStructured(MqlStructuredValue value) => new(MqlValueKind.Structured, 0, value, default);

    /// <summary>
    /// Reads this value as a number: numbers as they are, strings that parse as invariant numbers, booleans as 1/0.
    /// </summary>
    public bool TryGetNumber(out double number)
    {
        switch (Kind)
        {
            case MqlValueKind.Number:
                number = _number;
                return true;
            case MqlValueKind.String:
                return double.TryParse((string)_reference!, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
            default:
                number = 0;
                return false;
        }
    }

    /// <summary>Writes this value as a JSON value.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (Kind)
        {
            case MqlValueKind.Boolean: writer.WriteBooleanValue(_number != 0); break;
            case MqlValueKind.Number: WriteNumber(writer, _number); break;
            case MqlValueKind.String: writer.WriteStringValue((string)_reference!); break;
            case MqlValueKind.Json: _json.WriteTo(writer); break;
            case MqlValueKind.Structured: ((MqlStructuredValue)_reference!).WriteTo(writer); break;
            default: writer.WriteNullValue(); break;
        }
    }

    /// <summary>Text form: numbers invariant, strings as they are, JSON as raw text, null as <c>null</c>.</summary>
    public override string ToString() => Kind switch
    {
        MqlValueKind.Boolean => _number != 0 ? "true" : "false",
        MqlValueKind.Number => _number.ToString("R", CultureInfo.InvariantCulture),
        MqlValueKind.String => (string)_reference!,
        MqlValueKind.Json => _json.GetRawText(),
        MqlValueKind.Structured => _reference!.ToString() ?? string.Empty,
        _ => "null",
    };

    /// <summary>Same kind and same value (strings ordinal, JSON by raw text).</summary>
    public bool Equals(MqlValue other)
    {
        if (Kind != other.Kind)
        {
            return false;
        }

        return Kind switch
        {
            MqlValueKind.Null => true,
            MqlValueKind.Boolean or MqlValueKind.Number => _number.Equals(other._number),
            MqlValueKind.String => string.Equals((string)_reference!, (string)other._reference!, StringComparison.Ordinal),
            MqlValueKind.Json => _json.GetRawText() == other._json.GetRawText(),
            _ => ReferenceEquals(_reference, other._reference),
        };
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MqlValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Kind switch
    {
        MqlValueKind.Null => 0,
        MqlValueKind.Boolean or MqlValueKind.Number => HashCode.Combine(Kind, _number),
        MqlValueKind.String => StringComparer.Ordinal.GetHashCode((string)_reference!),
        MqlValueKind.Json => StringComparer.Ordinal.GetHashCode(_json.GetRawText()),
        _ => _reference!.GetHashCode(),
    };

    /// <summary>Equality as <see cref="Equals(MqlValue)"/>.</summary>
    public static bool operator ==(MqlValue left, MqlValue right) => left.Equals(right);

    /// <summary>Inequality as <see cref="Equals(MqlValue)"/>.</summary>
    public static bool operator !=(MqlValue left, MqlValue right) => !left.Equals(right);

    internal static void WriteNumber(Utf8JsonWriter writer, double value)
    {
        // Integral values print without a fraction so counts read as 3, not 3.0.
        if (double.IsFinite(value) && value == Math.Floor(value) && Math.Abs(value) < 9.007199254740992E15)
        {
            writer.WriteNumberValue((long)value);
        }
        else if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
