using System.Text.Json;
using StreamJobs.Mql.Evaluation;

namespace StreamJobs.Mql.Schema;

/// <summary>One key of a map, any value (<c>[*]</c>), or the whole map.</summary>
internal sealed class MapNode<T, TValue>(Func<T, IReadOnlyDictionary<string, TValue>?> getter, Func<TValue, MqlValue> convert, string? key, bool any)
    : ValueNode<T>
{
    public override bool IsMulti => any;

    public override MqlValue Evaluate(in T record)
    {
        var map = getter(record);
        if (map is null)
        {
            return MqlValue.Null;
        }

        if (key is not null)
        {
            return map.TryGetValue(key, out var value) ? convert(value) : MqlValue.Null;
        }

        if (any)
        {
            foreach (var pair in map)
            {
                return convert(pair.Value);
            }

            return MqlValue.Null;
        }

        return MqlValue.FromStructured(new WrittenValue<T>(this, record));
    }

    public override bool Any(in T record, ValueTest test, in MqlValue argument)
    {
        if (!any)
        {
            return test.Test(Evaluate(record), argument);
        }

        var map = getter(record);
        if (map is null)
        {
            return false;
        }

        foreach (var pair in map)
        {
            if (test.Test(convert(pair.Value), argument))
            {
                return true;
            }
        }

        return false;
    }

    public override void Write(Utf8JsonWriter writer, in T record)
    {
        if (key is not null)
        {
            Evaluate(record).WriteTo(writer);
            return;
        }

        var map = getter(record);
        if (any && map is not null)
        {
            writer.WriteStartArray();
            foreach (var pair in map)
            {
                convert(pair.Value).WriteTo(writer);
            }

            writer.WriteEndArray();
            return;
        }

        WriteMap(writer, map, convert);
    }

    public static void WriteMap(Utf8JsonWriter writer, IReadOnlyDictionary<string, TValue>? map, Func<TValue, MqlValue> convert)
    {
        if (map is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        foreach (var pair in map)
        {
            writer.WritePropertyName(pair.Key);
            convert(pair.Value).WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}
