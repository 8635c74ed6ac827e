using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace StreamJobs.Host.Taps;

/// <summary>
/// How records without an MQL schema are queried: serialized to a <see cref="JsonElement"/> per record (camelCase,
/// enums as names, self-formatting values such as IP addresses as text, receipts and other
/// <see cref="TapInternals"/> left out). It allocates per record, so it is several times slower than a typed schema.
/// </summary>
internal static class JsonFallback
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new FormattableValueConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { TapInternals.RemoveFrom } },
    };

    public static JsonElement Convert<T>(T record) => JsonSerializer.SerializeToElement(record, Options);
}
