using System.Globalization;
using System.Text.Json;
using StreamJobs.Mql.Evaluation;
using StreamJobs.Mql.Schema;

namespace StreamJobs.Mql;

/// <summary>
/// Declares the properties of a typed record for <see cref="MqlSchema{T}.Build"/>. Getters are plain
/// delegates called once per evaluated property; nothing is looked up by name at run time.
/// Names are case-sensitive and must be unique.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class MqlSchemaBuilder<T>
{
    private readonly List<PropertyDef<T>> _definitions = [];

    internal MqlSchemaBuilder()
    {
    }

    internal IReadOnlyList<PropertyDef<T>> Definitions => _definitions;

    /// <summary>A string property (null reads as null).</summary>
    public MqlSchemaBuilder<T> Property(string name, Func<T, string?> getter)
    {
        ArgumentNullException.ThrowIfNull(getter);
        return Scalar(name, MqlPropertyKind.String, r => MqlValue.FromString(getter(r)), new StringPropertyNode<T>(getter));
    }

    /// <summary>A number property.</summary>
    public MqlSchemaBuilder<T> Property(string name, Func<T, double> getter)
    {
        ArgumentNullException.ThrowIfNull(getter);
        return Scalar(name, MqlPropertyKind.Number, r => MqlValue.FromNumber(getter(r)), new DoublePropertyNode<T>(getter));
    }

    /// <summary>An optional number property.</summary>
    public MqlSchemaBuilder<T> Property(string name, Func<T, double?> getter)
    {
        ArgumentNullException.ThrowIfNull(getter);
        return Scalar(name, MqlPropertyKind.Number, r => MqlValue.FromNumber(getter(r)));
    }

    /// <summary>An integer property (read as a double; exact up to 2^53).</summary>
    public MqlSchemaBuilder<T> Property(string name, Func<T, long> getter)
    {
        ArgumentNullException.ThrowIfNull(getter);
        return Scalar(name, MqlPropertyKind.Number, r => MqlValue.FromNumber(getter(r)), new Int64PropertyNode<T>(getter));
    }

    /// <summary>An optional integer property.</summary>
    public MqlSchemaBuilder<T> Property(string name, Func<T, long?> getter)
    {
        ArgumentNullException.ThrowIfNull(getter);
        return Scalar(name, MqlPropertyKind.Number, r => getter(r) is { } v ? MqlValue.FromNumber(v) : MqlValue.Null);
    }

    /// <summary>A 32-bit integer property.</summary>
    public MqlSchemaBuilder<T> Property(string name, Func<T, int> getter)
    {
        ArgumentNullException.ThrowIfNull(getter);
        return Scalar(name, MqlPropertyKind.Number, r => MqlValue.FromNumber(getter(r)));
    }

    /// <summary>A boolean property.</summary>
    public MqlSchemaBuilder<T> Property(string name, Func<T, bool> getter)
    {
        ArgumentNullException.ThrowIfNull(getter);
        return Scalar(name, MqlPropertyKind.Boolean, r => MqlValue.FromBoolean(getter(r)));
    }

    /// <summary>A timestamp, read as ISO-8601 text in UTC so it compares correctly as a string.</summary>
    public MqlSchemaBuilder<T> Property(string name, Func<T, DateTimeOffset> getter)
    {
        ArgumentNullException.ThrowIfNull(getter);
        return Scalar(name, MqlPropertyKind.String, r => MqlValue.FromString(getter(r).UtcDateTime.ToString("O", CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// An IPv4 or IPv6 address as its 128 bits in network order, IPv4 as IPv4-mapped IPv6 (<c>::ffff:a.b.c.d</c>, i.e.
    /// <c>0xFFFF_0000_0000 | v4</c>). It reads as dotted IPv4 or RFC 5952 IPv6 text; <c>IN '10.0.0.0/8'</c> and
    /// <c>= '10.1.2.3'</c> compare the bits without formatting, so they cost no allocation per record.
    /// </summary>
    public MqlSchemaBuilder<T> Ip(string name, Func<T, UInt128> getter)
    {
        ArgumentNullException.ThrowIfNull(getter);
        return Add(new IpPropertyDef<T>(name, getter));
    }

    /// <summary>A property that supplies its own <see cref="MqlValue"/> (any kind).</summary>
    public MqlSchemaBuilder<T> Value(string name, Func<T, MqlValue> getter)
    {
        ArgumentNullException.ThrowIfNull(getter);
        return Scalar(name, MqlPropertyKind.Value, getter);
    }

    /// <summary>An enum property, read as its name (names are cached, so reading does not allocate).</summary>
    public MqlSchemaBuilder<T> Enum<TEnum>(string name, Func<T, TEnum> getter)
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(getter);
        var names = System.Enum.GetValues<TEnum>().Distinct().ToDictionary(v => v, v => MqlValue.FromString(v.ToString()));
        return Scalar(name, MqlPropertyKind.String, r => names.TryGetValue(getter(r), out var v) ? v : MqlValue.FromString(getter(r).ToString()));
    }

    /// <summary>A nested object described by <paramref name="schema"/>; a null object reads as null.</summary>
    public MqlSchemaBuilder<T> Object<TChild>(string name, Func<T, TChild?> getter, MqlSchema<TChild> schema)
    {
        ArgumentNullException.ThrowIfNull(getter);
        ArgumentNullException.ThrowIfNull(schema);
        return Add(new ObjectPropertyDef<T, TChild>(name, MqlPropertyKind.Object, getter, schema));
    }

    /// <summary>A list of objects described by <paramref name="itemSchema"/>: <c>spans[0].name</c>, <c>spans[*].status</c>.</summary>
    public MqlSchemaBuilder<T> List<TItem>(string name, Func<T, IReadOnlyList<TItem>?> getter, MqlSchema<TItem> itemSchema)
    {
        ArgumentNullException.ThrowIfNull(getter);
        ArgumentNullException.ThrowIfNull(itemSchema);
        return Add(new ListPropertyDef<T, TItem>(name, getter, itemSchema));
    }

    /// <summary>A list of strings.</summary>
    public MqlSchemaBuilder<T> List(string name, Func<T, IReadOnlyList<string>?> getter) =>
        List(name, getter, new ScalarSchema<string>(MqlValue.FromString));

    /// <summary>A list of numbers.</summary>
    public MqlSchemaBuilder<T> List(string name, Func<T, IReadOnlyList<double>?> getter) =>
        List(name, getter, new ScalarSchema<double>(MqlValue.FromNumber));

    /// <summary>A list of integers.</summary>
    public MqlSchemaBuilder<T> List(string name, Func<T, IReadOnlyList<long>?> getter) =>
        List(name, getter, new ScalarSchema<long>(v => MqlValue.FromNumber(v)));

    /// <summary>A string-to-string map such as tags: <c>tags['http.method']</c>, <c>tags.http.method</c>, <c>tags[*]</c>.</summary>
    public MqlSchemaBuilder<T> Map(string name, Func<T, IReadOnlyDictionary<string, string>?> getter)
    {
        ArgumentNullException.ThrowIfNull(getter);
        return Add(new MapPropertyDef<T, string>(name, getter, MqlValue.FromString));
    }

    /// <summary>A string-to-number map such as metrics.</summary>
    public MqlSchemaBuilder<T> Map(string name, Func<T, IReadOnlyDictionary<string, double>?> getter)
    {
        ArgumentNullException.ThrowIfNull(getter);
        return Add(new MapPropertyDef<T, double>(name, getter, MqlValue.FromNumber));
    }

    /// <summary>An embedded JSON payload, navigated like a JSON record.</summary>
    public MqlSchemaBuilder<T> Json(string name, Func<T, JsonElement> getter)
    {
        ArgumentNullException.ThrowIfNull(getter);
        return Add(new ObjectPropertyDef<T, JsonElement>(name, MqlPropertyKind.Json, getter, MqlSchema.Json));
    }

    private MqlSchemaBuilder<T> Scalar(string name, MqlPropertyKind kind, Func<T, MqlValue> getter, ValueNode<T>? fastNode = null) =>
        Add(new ScalarPropertyDef<T>(name, kind, getter, fastNode));

    private MqlSchemaBuilder<T> Add(PropertyDef<T> definition)
    {
        ArgumentException.ThrowIfNullOrEmpty(definition.Name);
        if (_definitions.Exists(d => d.Name == definition.Name))
        {
            throw new ArgumentException($"Property '{definition.Name}' is declared twice.", nameof(definition));
        }

        _definitions.Add(definition);
        return this;
    }
}
