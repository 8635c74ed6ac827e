using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamJobs.Host.Taps;

/// <summary>
/// How records without an MQL schema are queried: serialized to a <see cref="JsonElement"/> per record (camelCase,
/// enums as names). It allocates per record, so it is several times slower than a typed schema.
/// </summary>
internal static class JsonFallback
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonElement Convert<T>(T record) => JsonSerializer.SerializeToElement(record, Options);
}
