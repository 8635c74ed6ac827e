using System.Text.Json;
using StreamJobs.Mql.Evaluation;
using StreamJobs.Mql.Values;

namespace StreamJobs.Mql.Schema;

/// <summary>A typed record as a whole value (a nested object selected without a further path).</summary>
internal sealed class SelfNode<T>(MqlSchema<T> schema) : ValueNode<T>
{
    public override MqlValue Evaluate(in T record) => MqlValue.FromStructured(new WrittenValue<T>(this, record));

    public override void Write(Utf8JsonWriter writer, in T record) => schema.WriteRecord(writer, record);
}
