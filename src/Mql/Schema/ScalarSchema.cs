using System.Text.Json;
using StreamJobs.Mql.Ast;
using StreamJobs.Mql.Evaluation;

namespace StreamJobs.Mql.Schema;

/// <summary>The "schema" of list items that are plain values (strings, numbers): no properties, only the value itself.</summary>
internal sealed class ScalarSchema<T>(Func<T, MqlValue> convert) : MqlSchema<T>
{
    private readonly ScalarNode<T> _self = new(convert);

    public override IReadOnlyList<MqlPropertyInfo> Properties => [];

    public override bool IsDynamic => false;

    public override void WriteRecord(Utf8JsonWriter writer, in T record) => convert(record).WriteTo(writer);

    internal override ValueNode<T> CompilePath(ReadOnlySpan<PathSegment> path, bool dotted, ICollection<string> unknown)
    {
        if (path.IsEmpty)
        {
            return _self;
        }

        unknown.Add(string.Join('.', path.ToArray()));
        return new ConstantNode<T>(MqlValue.Null);
    }
}
