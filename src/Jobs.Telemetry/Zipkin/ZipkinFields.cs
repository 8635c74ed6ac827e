using System.Runtime.CompilerServices;
using System.Text.Json;

namespace StreamJobs.Telemetry.Zipkin;

/// <summary>The property names the Zipkin v2 reader knows, of spans, endpoints and annotations.</summary>
internal enum ZipkinField : byte
{
    Unknown,
    TraceId,
    Id,
    ParentId,
    Name,
    Kind,
    Timestamp,
    Duration,
    LocalEndpoint,
    RemoteEndpoint,
    Tags,
    Annotations,
    Debug,
    Shared,
    ServiceName,
    Ipv4,
    Ipv6,
    Port,
    Value,
}

/// <summary>
/// Which known name the current property is: one switch on the name's length and a byte, then one comparison, where a
/// chain of <see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/> cost up to 13 comparisons per property.
/// An escaped name is unescaped first, so <c>"\u0069d"</c> is <c>id</c>, as before.
/// </summary>
internal static class ZipkinFields
{
    // The longest known name (remoteEndpoint, 14 bytes, all ASCII) with every byte escaped as \u00XX.
    private const int MaxEscapedName = 14 * 6;

    public static ZipkinField Of(ref Utf8JsonReader reader) => reader.ValueIsEscaped ? OfEscaped(ref reader) : Of(reader.ValueSpan);

    // Apart, so that the common case inlines without the stack buffer.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ZipkinField OfEscaped(ref Utf8JsonReader reader)
    {
        if (reader.ValueSpan.Length > MaxEscapedName)
        {
            return ZipkinField.Unknown;
        }

        // The body was checked for valid UTF-8 and whole \u escapes before reading, so unescaping cannot throw.
        Span<byte> name = stackalloc byte[MaxEscapedName];
        return Of(name[..reader.CopyString(name)]);
    }

    public static ZipkinField Of(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 => Is(name, "id"u8, ZipkinField.Id),
        4 => name[0] switch
        {
            (byte)'n' => Is(name, "name"u8, ZipkinField.Name),
            (byte)'k' => Is(name, "kind"u8, ZipkinField.Kind),
            (byte)'t' => Is(name, "tags"u8, ZipkinField.Tags),
            (byte)'p' => Is(name, "port"u8, ZipkinField.Port),
            (byte)'i' when name[3] == (byte)'4' => Is(name, "ipv4"u8, ZipkinField.Ipv4),
            (byte)'i' => Is(name, "ipv6"u8, ZipkinField.Ipv6),
            _ => ZipkinField.Unknown,
        },
        5 => name[0] == (byte)'d' ? Is(name, "debug"u8, ZipkinField.Debug) : Is(name, "value"u8, ZipkinField.Value),
        6 => Is(name, "shared"u8, ZipkinField.Shared),
        7 => Is(name, "traceId"u8, ZipkinField.TraceId),
        8 => name[0] == (byte)'p' ? Is(name, "parentId"u8, ZipkinField.ParentId) : Is(name, "duration"u8, ZipkinField.Duration),
        9 => Is(name, "timestamp"u8, ZipkinField.Timestamp),
        11 => name[0] == (byte)'s' ? Is(name, "serviceName"u8, ZipkinField.ServiceName) : Is(name, "annotations"u8, ZipkinField.Annotations),
        13 => Is(name, "localEndpoint"u8, ZipkinField.LocalEndpoint),
        14 => Is(name, "remoteEndpoint"u8, ZipkinField.RemoteEndpoint),
        _ => ZipkinField.Unknown,
    };

    private static ZipkinField Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> known, ZipkinField field) =>
        name.SequenceEqual(known) ? field : ZipkinField.Unknown;
}
