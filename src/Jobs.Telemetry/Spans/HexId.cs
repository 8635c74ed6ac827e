using System.Buffers;
using System.Buffers.Binary;

namespace StreamJobs.Telemetry.Spans;

/// <summary>
/// Hex encoding shared by <see cref="TraceId"/> and <see cref="SpanId"/>; accepts either case, writes lowercase.
/// Every span carries 48–64 hex digits, so this uses the runtime's vectorised conversions: a digit-by-digit loop
/// mispredicts a branch on most digits of a random id and cost several times more per id.
/// </summary>
internal static class HexId
{
    /// <summary>Parses exactly 16 hex characters into the 64 bits they spell (big-endian, as written).</summary>
    public static bool TryParse16(ReadOnlySpan<char> hex, out ulong value)
    {
        Span<byte> raw = stackalloc byte[sizeof(ulong)];
        bool ok = hex.Length == 16 && Convert.FromHexString(hex, raw, out _, out _) == OperationStatus.Done;
        value = ok ? BinaryPrimitives.ReadUInt64BigEndian(raw) : 0;
        return ok;
    }

    /// <inheritdoc cref="TryParse16(ReadOnlySpan{char}, out ulong)"/>
    public static bool TryParse16(ReadOnlySpan<byte> utf8Hex, out ulong value)
    {
        Span<byte> raw = stackalloc byte[sizeof(ulong)];
        bool ok = utf8Hex.Length == 16 && Convert.FromHexString(utf8Hex, raw, out _, out _) == OperationStatus.Done;
        value = ok ? BinaryPrimitives.ReadUInt64BigEndian(raw) : 0;
        return ok;
    }

    /// <summary>Parses exactly 32 hex characters into two 64-bit halves, high first.</summary>
    public static bool TryParse32(ReadOnlySpan<char> hex, out ulong high, out ulong low)
    {
        Span<byte> raw = stackalloc byte[2 * sizeof(ulong)];
        bool ok = hex.Length == 32 && Convert.FromHexString(hex, raw, out _, out _) == OperationStatus.Done;
        high = ok ? BinaryPrimitives.ReadUInt64BigEndian(raw) : 0;
        low = ok ? BinaryPrimitives.ReadUInt64BigEndian(raw[sizeof(ulong)..]) : 0;
        return ok;
    }

    /// <inheritdoc cref="TryParse32(ReadOnlySpan{char}, out ulong, out ulong)"/>
    public static bool TryParse32(ReadOnlySpan<byte> utf8Hex, out ulong high, out ulong low)
    {
        Span<byte> raw = stackalloc byte[2 * sizeof(ulong)];
        bool ok = utf8Hex.Length == 32 && Convert.FromHexString(utf8Hex, raw, out _, out _) == OperationStatus.Done;
        high = ok ? BinaryPrimitives.ReadUInt64BigEndian(raw) : 0;
        low = ok ? BinaryPrimitives.ReadUInt64BigEndian(raw[sizeof(ulong)..]) : 0;
        return ok;
    }

    /// <summary>Writes <paramref name="value"/> as 16 lowercase hex UTF-8 bytes.</summary>
    public static void Write(ulong value, Span<byte> utf8Destination16)
    {
        Span<byte> raw = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64BigEndian(raw, value);
        Convert.TryToHexStringLower(raw, utf8Destination16, out _);
    }

    /// <summary>Writes <paramref name="value"/> as 16 lowercase hex characters.</summary>
    public static void Write(ulong value, Span<char> destination16)
    {
        Span<byte> raw = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64BigEndian(raw, value);
        Convert.TryToHexStringLower(raw, destination16, out _);
    }
}
