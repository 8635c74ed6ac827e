using System.Text.Json;
using StreamJobs.Mql.Ast;
using StreamJobs.Mql.Evaluation;

namespace StreamJobs.Mql.Schema;

/// <summary>Schema for <see cref="JsonElement"/> records: every path is valid and resolved per record.</summary>
internal sealed class JsonSchema : MqlSchema<JsonElement>
{
    public override IReadOnlyList<MqlPropertyInfo> Properties => [];

    public override bool IsDynamic => true;

    public override void WriteRecord(Utf8JsonWriter writer, in JsonElement record)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (record.ValueKind == JsonValueKind.Undefined)
        {
            writer.WriteNullValue();
        }
        else
        {
            record.WriteTo(writer);
        }
    }

    internal override ValueNode<JsonElement> CompilePath(ReadOnlySpan<PathSegment> path, bool dotted, ICollection<string> unknown) =>
        new JsonPathNode(path.ToArray(), dotted && path.Length > 1 ? string.Join('.', path.ToArray()) : null);
}
