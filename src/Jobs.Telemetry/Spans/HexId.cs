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
    /// <summary>
    /// Decodes hex (either case) that spells exactly <paramref name="raw"/>'s length in bytes, big-endian as written;
    /// the ids then read their bits with their own <c>TryFromBytes</c>, as for OTLP's binary ids.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> hex, Span<byte> raw) =>
        hex.Length == 2 * raw.Length && Convert.FromHexString(hex, raw, out _, out _) == OperationStatus.Done;

    /// <inheritdoc cref="TryDecode(ReadOnlySpan{char}, Span{byte})"/>
    public static bool TryDecode(ReadOnlySpan<byte> utf8Hex, Span<byte> raw) =>
        utf8Hex.Length == 2 * raw.Length && Convert.FromHexString(utf8Hex, raw, out _, out _) == OperationStatus.Done;

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
