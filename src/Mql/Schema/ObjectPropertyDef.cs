using System.Text.Json;
using StreamJobs.Mql.Ast;
using StreamJobs.Mql.Evaluation;

namespace StreamJobs.Mql.Schema;

/// <summary>A nested object (or embedded JSON) described by its own schema.</summary>
internal sealed class ObjectPropertyDef<T, TChild>(string name, MqlPropertyKind kind, Func<T, TChild?> getter, MqlSchema<TChild> schema)
    : PropertyDef<T>(name)
{
    public override MqlPropertyInfo Info { get; } = new(name, kind, schema.Properties);

    public override ValueNode<T> Compile(ReadOnlySpan<PathSegment> rest, bool dotted, ICollection<string> unknown) =>
        new ObjectHopNode<T, TChild>(getter, schema.CompilePath(rest, PathSegment.AllDotted(rest), unknown));

    public override void WriteValue(Utf8JsonWriter writer, in T record)
    {
        var child = getter(record);
        if (child is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            schema.WriteRecord(writer, child);
        }
    }
}
