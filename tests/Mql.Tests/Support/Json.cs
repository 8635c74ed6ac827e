using System.Buffers;
using System.Text;
using System.Text.Json;

namespace StreamJobs.Mql.Tests.Support;

/// <summary>Small helpers to parse JSON records and capture what a writer callback writes.</summary>
public static class Json
{
    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    public static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
