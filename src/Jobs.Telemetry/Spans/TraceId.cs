using System.Buffers.Binary;

namespace StreamJobs.Telemetry.Spans;

/// <summary>
/// A 128-bit trace id stored as two integers. 64-bit ids (16 hex characters, as older Zipkin
/// instrumentation sends) keep <see cref="High"/> at zero and format back to 16 characters.
/// </summary>
/// <param name="High">The upper 64 bits (zero for a 64-bit id).</param>
/// <param name="Low">The lower 64 bits.</param>
public readonly record struct TraceId(ulong High, ulong Low) : IUtf8SpanFormattable
{
    /// <summary>The all-zero id, which no valid trace uses.</summary>
    public static TraceId Empty => default;

    /// <summary>True for the all-zero id.</summary>
    public bool IsEmpty => High == 0 && Low == 0;

    /// <summary>Parses 16 or 32 hex characters (either case).</summary>
    public static bool TryParse(ReadOnlySpan<char> hex, out TraceId id)
    {
        // 16 digits spell a 64-bit id, 32 a 128-bit one: the bytes they decode to read like OTLP's binary ids.
        Span<byte> raw = stackalloc byte[16];
        id = default;
        return hex.Length is 16 or 32 && HexId.TryDecode(hex, raw[..(hex.Length / 2)]) && TryFromBytes(raw[..(hex.Length / 2)], out id);
    }

    /// <summary>Parses 16 or 32 UTF-8 hex characters (either case) without allocating.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Hex, out TraceId id)
    {
        // 16 digits spell a 64-bit id, 32 a 128-bit one: the bytes they decode to read like OTLP's binary ids.
        Span<byte> raw = stackalloc byte[16];
        id = default;
        return utf8Hex.Length is 16 or 32 && HexId.TryDecode(utf8Hex, raw[..(utf8Hex.Length / 2)]) && TryFromBytes(raw[..(utf8Hex.Length / 2)], out id);
    }

    /// <summary>Parses 16 or 32 hex characters or throws <see cref="FormatException"/>.</summary>
    public static TraceId Parse(string hex) =>
        TryParse(hex.AsSpan(), out TraceId id) ? id : throw new FormatException($"trace id must be 16 or 32 hex characters, got '{hex}'");

    /// <summary>Reads a big-endian 16-byte (or 8-byte) id as used by OTLP.</summary>
    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, out TraceId id)
    {
        id = bytes.Length switch
        {
            16 => new TraceId(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..])),
            8 => new TraceId(0, BinaryPrimitives.ReadUInt64BigEndian(bytes)),
            _ => default,
        };
        return bytes.Length is 16 or 8;
    }

    /// <summary>Writes the id as 16 big-endian bytes.</summary>
    public void WriteBytes(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, High);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Low);
    }

    /// <summary>
    /// A hash that is identical on every process and platform (unlike <see cref="GetHashCode"/>),
    /// so replicas agree on probabilistic decisions and partition assignment.
    /// </summary>
    public ulong GetStableHash() => Mix(Mix(High) ^ Low);

    /// <summary>The length of <see cref="ToString()"/>: 16 when <see cref="High"/> is zero, else 32.</summary>
    public int HexLength => High == 0 ? 16 : 32;

    /// <summary>
    /// Writes the id as lowercase hex UTF-8 (as <see cref="ToString()"/> spells it) without allocating, e.g. into a
    /// <c>stackalloc</c> buffer for <c>Utf8JsonWriter.WriteString</c>; false when <paramref name="utf8Destination"/> is
    /// shorter than <see cref="HexLength"/>. Takes no format.
    /// </summary>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null)
    {
        bytesWritten = 0;
        if (!format.IsEmpty || utf8Destination.Length < HexLength)
        {
            return false;
        }

        if (High == 0)
        {
            HexId.Write(Low, utf8Destination);
        }
        else
        {
            HexId.Write(High, utf8Destination);
            HexId.Write(Low, utf8Destination[16..]);
        }

        bytesWritten = HexLength;
        return true;
    }

    /// <summary>Lowercase hex: 16 characters when <see cref="High"/> is zero, else 32.</summary>
    public override string ToString()
    {
        if (High == 0)
        {
            return string.Create(16, Low, static (dst, v) => HexId.Write(v, dst));
        }

        return string.Create(32, this, static (dst, id) =>
        {
            HexId.Write(id.High, dst);
            HexId.Write(id.Low, dst[16..]);
        });
    }

    // Murmur3's 64-bit finalizer: cheap and spreads sequential ids across the whole range.
    private static ulong Mix(ulong k)
    {
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccdUL;
        k ^= k >> 33;
        k *= 0xc4ceb9fe1a85ec53UL;
        k ^= k >> 33;
        return k;
    }
}
