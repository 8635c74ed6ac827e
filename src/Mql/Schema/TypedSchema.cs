using System.Text.Json;
using StreamJobs.Mql.Ast;
using StreamJobs.Mql.Evaluation;

namespace StreamJobs.Mql.Schema;

/// <summary>A schema declared with <see cref="MqlSchemaBuilder{T}"/>.</summary>
internal sealed class TypedSchema<T> : MqlSchema<T>
{
    private readonly IReadOnlyList<PropertyDef<T>> _definitions;
    private readonly Dictionary<string, PropertyDef<T>> _byName;
    private readonly SelfNode<T> _self;

    public TypedSchema(IReadOnlyList<PropertyDef<T>> definitions)
    {
        _definitions = definitions;
        _byName = definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
        Properties = definitions.Select(d => d.Info).ToArray();
        _self = new SelfNode<T>(this);
    }

    public override IReadOnlyList<MqlPropertyInfo> Properties { get; }

    public override bool IsDynamic => false;

    public override void WriteRecord(Utf8JsonWriter writer, in T record)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        foreach (var definition in _definitions)
        {
            writer.WritePropertyName(definition.EncodedName);
            definition.WriteValue(writer, record);
        }

        writer.WriteEndObject();
    }

    internal override ValueNode<T> CompilePath(ReadOnlySpan<PathSegment> path, bool dotted, ICollection<string> unknown)
    {
        if (path.IsEmpty)
        {
            return _self;
        }

        // A dotted path names a flat property first ("nf.node"), as Mantis allows, then nested properties.
        if (dotted && path.Length > 1 && _byName.TryGetValue(string.Join('.', path.ToArray()), out var flat))
        {
            return flat.Compile([], false, unknown);
        }

        if (path[0].Kind == PathSegmentKind.Key && _byName.TryGetValue(path[0].Key, out var definition))
        {
            return definition.Compile(path[1..], PathSegment.AllDotted(path[1..]), unknown);
        }

        unknown.Add(string.Join('.', path.ToArray()));
        return new ConstantNode<T>(MqlValue.Null);
    }
}
