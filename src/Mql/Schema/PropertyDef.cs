using System.Text.Json;
using StreamJobs.Mql.Ast;
using StreamJobs.Mql.Evaluation;

namespace StreamJobs.Mql.Schema;

/// <summary>One declared property of a typed schema: compiles paths that start at it and writes its value.</summary>
internal abstract class PropertyDef<T>(string name)
{
    public string Name { get; } = name;

    public JsonEncodedText EncodedName { get; } = JsonEncodedText.Encode(name);

    public abstract MqlPropertyInfo Info { get; }

    /// <summary>Compiles the rest of a path below this property; an empty rest means the property's whole value.</summary>
    public abstract ValueNode<T> Compile(ReadOnlySpan<PathSegment> rest, bool dotted, ICollection<string> unknown);

    public abstract void WriteValue(Utf8JsonWriter writer, in T record);

    protected ValueNode<TRecord> Unknown<TRecord>(ReadOnlySpan<PathSegment> rest, ICollection<string> unknown)
    {
        unknown.Add(Name + "." + string.Join('.', rest.ToArray()));
        return new ConstantNode<TRecord>(MqlValue.Null);
    }
}
