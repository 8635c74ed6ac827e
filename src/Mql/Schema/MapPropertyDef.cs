using System.Text.Json;
using StreamJobs.Mql.Ast;
using StreamJobs.Mql.Evaluation;

namespace StreamJobs.Mql.Schema;

/// <summary>
/// A string-keyed map such as span tags: <c>tags['http.url']</c>, <c>tags[*]</c>, or dotted
/// <c>tags.http.url</c>, where the rest of a dotted path is joined into one key.
/// </summary>
internal sealed class MapPropertyDef<T, TValue>(string name, Func<T, IReadOnlyDictionary<string, TValue>?> getter, Func<TValue, MqlValue> convert)
    : PropertyDef<T>(name)
{
    public override MqlPropertyInfo Info { get; } = new(name, MqlPropertyKind.Map, []);

    public override ValueNode<T> Compile(ReadOnlySpan<PathSegment> rest, bool dotted, ICollection<string> unknown)
    {
        if (rest.IsEmpty)
        {
            return new MapNode<T, TValue>(getter, convert, key: null, any: false);
        }

        if (rest.Length > 1 && rest.ToArray().All(s => s.Dotted))
        {
            return new MapNode<T, TValue>(getter, convert, string.Join('.', rest.ToArray()), any: false);
        }

        if (rest.Length > 1)
        {
            return Unknown<T>(rest, unknown);
        }

        return rest[0].Kind switch
        {
            PathSegmentKind.Key => new MapNode<T, TValue>(getter, convert, rest[0].Key, any: false),
            PathSegmentKind.AnyElement => new MapNode<T, TValue>(getter, convert, key: null, any: true),
            _ => Unknown<T>(rest, unknown),
        };
    }

    public override void WriteValue(Utf8JsonWriter writer, in T record) => MapNode<T, TValue>.WriteMap(writer, getter(record), convert);
}
