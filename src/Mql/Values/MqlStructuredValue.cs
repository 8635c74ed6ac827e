using System.Text.Json;

namespace StreamJobs.Mql.Values;

/// <summary>
/// A nested object, list or map taken from a typed record. It only knows how to write itself,
/// which is all projection and LIST aggregation need.
/// </summary>
internal abstract class MqlStructuredValue
{
    public abstract void WriteTo(Utf8JsonWriter writer);

    public override string ToString()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
