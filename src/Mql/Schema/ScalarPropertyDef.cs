using System.Text.Json;
using StreamJobs.Mql.Ast;
using StreamJobs.Mql.Evaluation;

namespace StreamJobs.Mql.Schema;

/// <summary>A string, number, boolean or free-form value property.</summary>
internal sealed class ScalarPropertyDef<T>(string name, MqlPropertyKind kind, Func<T, MqlValue> getter, ValueNode<T>? fastNode = null)
    : PropertyDef<T>(name)
{
    private readonly ValueNode<T> _node = fastNode ?? new ScalarNode<T>(getter);

    public override MqlPropertyInfo Info { get; } = new(name, kind, []);

    public override ValueNode<T> Compile(ReadOnlySpan<PathSegment> rest, bool dotted, ICollection<string> unknown) =>
        rest.IsEmpty ? _node : Unknown<T>(rest, unknown);

    public override void WriteValue(Utf8JsonWriter writer, in T record) => getter(record).WriteTo(writer);
}
