using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamJobs.Host.Taps;

/// <summary>
/// Writes value types that format themselves (<see cref="ISpanFormattable"/> outside the BCL, such as IP addresses) as
/// their text, so a tap shows <c>"10.0.0.1"</c> rather than the struct's fields. The BCL's own types
/// (numbers, dates, GUIDs) keep System.Text.Json's converters. Taps only write, so reading is not supported.
/// </summary>
internal sealed class FormattableValueConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsValueType && typeof(ISpanFormattable).IsAssignableFrom(typeToConvert)
        && typeToConvert.Namespace?.StartsWith("System", StringComparison.Ordinal) != true;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<T> : JsonConverter<T>
        where T : struct, ISpanFormattable
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException($"{typeof(T).Name} is written as text by taps and not read back.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            Span<char> buffer = stackalloc char[128];
            if (value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture))
            {
                writer.WriteStringValue(buffer[..written]);
            }
            else
            {
                writer.WriteStringValue(value.ToString(null, CultureInfo.InvariantCulture));
            }
        }
    }
}
