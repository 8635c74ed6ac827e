using System.Text.Json;
using StreamJobs.Mql.Values;

namespace StreamJobs.Mql.Aggregation;

/// <summary>The array a LIST aggregate emits.</summary>
internal sealed class ListResultValue(IReadOnlyList<MqlValue> values) : MqlStructuredValue
{
    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var value in values)
        {
            value.WriteTo(writer);
        }

        writer.WriteEndArray();
    }
}
