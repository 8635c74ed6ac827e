using System.Text.Json;
using StreamJobs.Mql.Ast;
using StreamJobs.Mql.Evaluation;

namespace StreamJobs.Mql.Schema;

/// <summary>A list of objects or scalars; supports <c>[n]</c> and <c>[*]</c>.</summary>
internal sealed class ListPropertyDef<T, TItem>(string name, Func<T, IReadOnlyList<TItem>?> getter, MqlSchema<TItem> itemSchema)
    : PropertyDef<T>(name)
{
    public override MqlPropertyInfo Info { get; } = new(name, MqlPropertyKind.List, itemSchema.Properties);

    public override ValueNode<T> Compile(ReadOnlySpan<PathSegment> rest, bool dotted, ICollection<string> unknown)
    {
        if (rest.IsEmpty)
        {
            return new ListNode<T, TItem>(getter, itemSchema.CompilePath([], false, unknown), index: null);
        }

        var item = itemSchema.CompilePath(rest[1..], PathSegment.AllDotted(rest[1..]), unknown);
        return rest[0].Kind switch
        {
            PathSegmentKind.Index => new ListNode<T, TItem>(getter, item, rest[0].Index),
            PathSegmentKind.AnyElement => new ListNode<T, TItem>(getter, item, index: null, any: true),
            _ => Unknown<T>(rest, unknown),
        };
    }

    public override void WriteValue(Utf8JsonWriter writer, in T record)
    {
        var list = getter(record);
        if (list is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartArray();
        for (var i = 0; i < list.Count; i++)
        {
            itemSchema.WriteRecord(writer, list[i]);
        }

        writer.WriteEndArray();
    }
}
