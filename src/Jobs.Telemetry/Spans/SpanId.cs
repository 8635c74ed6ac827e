using System.Buffers.Binary;

namespace StreamJobs.Telemetry.Spans;

/// <summary>A 64-bit span id.</summary>
/// <param name="Value">The id bits; zero means "no id".</param>
public readonly record struct SpanId(ulong Value) : IUtf8SpanFormattable
{
    /// <summary>True for the all-zero id.</summary>
    public bool IsEmpty => Value == 0;

    /// <summary>Parses 16 hex characters (either case).</summary>
    public static bool TryParse(ReadOnlySpan<char> hex, out SpanId id)
    {
        Span<byte> raw = stackalloc byte[sizeof(ulong)];
        id = default;
        return HexId.TryDecode(hex, raw) && TryFromBytes(raw, out id);
    }

    /// <summary>Parses 16 UTF-8 hex characters (either case).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Hex, out SpanId id)
    {
        Span<byte> raw = stackalloc byte[sizeof(ulong)];
        id = default;
        return HexId.TryDecode(utf8Hex, raw) && TryFromBytes(raw, out id);
    }

    /// <summary>Parses 16 hex characters or throws <see cref="FormatException"/>.</summary>
    public static SpanId Parse(string hex) =>
        TryParse(hex.AsSpan(), out SpanId id) ? id : throw new FormatException($"span id must be 16 hex characters, got '{hex}'");

    /// <summary>Reads a big-endian 8-byte id as used by OTLP.</summary>
    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, out SpanId id)
    {
        bool ok = bytes.Length == 8;
        id = ok ? new SpanId(BinaryPrimitives.ReadUInt64BigEndian(bytes)) : default;
        return ok;
    }

    /// <summary>Writes the id as 8 big-endian bytes.</summary>
    public void WriteBytes(Span<byte> destination) => BinaryPrimitives.WriteUInt64BigEndian(destination, Value);

    /// <summary>
    /// Writes the id as 16 lowercase hex UTF-8 bytes without allocating; false when <paramref name="utf8Destination"/>
    /// is shorter. Takes no format.
    /// </summary>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null)
    {
        bytesWritten = 0;
        if (!format.IsEmpty || utf8Destination.Length < 16)
        {
            return false;
        }

        HexId.Write(Value, utf8Destination);
        bytesWritten = 16;
        return true;
    }

    /// <summary>16 lowercase hex characters.</summary>
    public override string ToString() => string.Create(16, Value, static (dst, v) => HexId.Write(v, dst));
}
