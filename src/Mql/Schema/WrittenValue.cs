using System.Text.Json;
using StreamJobs.Mql.Evaluation;
using StreamJobs.Mql.Values;

namespace StreamJobs.Mql.Schema;

/// <summary>A structured value that writes itself by replaying a node over the record it was read from.</summary>
internal sealed class WrittenValue<T>(ValueNode<T> node, T record) : MqlStructuredValue
{
    public override void WriteTo(Utf8JsonWriter writer) => node.Write(writer, record);
}
