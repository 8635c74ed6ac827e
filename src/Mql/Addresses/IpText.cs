using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace StreamJobs.Mql.Addresses;

/// <summary>
/// IP addresses as MQL sees them: 128 bits in network order, IPv4 stored IPv4-mapped (<c>::ffff:a.b.c.d</c>) so one
/// comparison serves both families. Text is strict dotted-quad IPv4 or RFC 4291 IPv6 without a zone id; the looser
/// forms <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> also takes (<c>'10'</c>, <c>'10.1'</c>, hex octets)
/// are refused, so <c>'10/8'</c> is an error rather than 0.0.0.10/8.
/// </summary>
internal static class IpText
{
    /// <summary>The IPv4-mapped prefix, <c>::ffff:0:0/96</c>.</summary>
    public static readonly UInt128 V4Mapped = new(0, 0x0000_FFFF_0000_0000UL);

    // Hex digits, colons and the dots of an embedded IPv4 tail: no brackets, ports or zone ids.
    private static readonly System.Buffers.SearchValues<char> V6Characters = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF:.");

    /// <summary>Longest address text: a full IPv6 address with an embedded IPv4 tail.</summary>
    public const int MaxLength = 45;

    public static bool IsV4(UInt128 address) => (address >> 32) == (V4Mapped >> 32);

    public static bool TryParse(ReadOnlySpan<char> text, out UInt128 address, out bool isV4)
    {
        address = default;
        isV4 = text.IndexOf(':') < 0;
        if (text.IsEmpty || text.Length > MaxLength || (isV4 ? !IsDottedQuad(text) : text.ContainsAnyExcept(V6Characters))
            || !IPAddress.TryParse(text, out var parsed))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (parsed.AddressFamily == AddressFamily.InterNetwork)
        {
            parsed.TryWriteBytes(bytes[12..], out _);
            address = V4Mapped | BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]);
            return true;
        }

        parsed.TryWriteBytes(bytes, out _);
        address = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        return true;
    }

    /// <summary>Dotted IPv4 or RFC 5952 IPv6 text (what taps print and string comparisons see).</summary>
    public static string Format(UInt128 address)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        return new string(buffer[..Format(address, buffer)]);
    }

    /// <summary>Writes the address as a JSON string; IPv4 without allocating.</summary>
    public static void Write(Utf8JsonWriter writer, UInt128 address)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        writer.WriteStringValue(buffer[..Format(address, buffer)]);
    }

    private static int Format(UInt128 address, Span<char> buffer)
    {
        if (IsV4(address))
        {
            var value = (uint)address;
            var written = 0;
            for (var shift = 24; shift >= 0; shift -= 8)
            {
                ((value >> shift) & 0xFF).TryFormat(buffer[written..], out var n, default, CultureInfo.InvariantCulture);
                written += n;
                if (shift > 0) buffer[written++] = '.';
            }

            return written;
        }

        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, address);
        new IPAddress(bytes).TryFormat(buffer, out var length);
        return length;
    }

    /// <summary>
    /// Four decimal octets of one to three digits without leading zeros (some parsers read those as octal); the
    /// value range is left to the parser.
    /// </summary>
    private static bool IsDottedQuad(ReadOnlySpan<char> text)
    {
        int dots = 0, digits = 0;
        var leadingZero = false;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (digits == 0) return false;
                dots++;
                digits = 0;
            }
            else if (!char.IsAsciiDigit(c) || ++digits > 3 || (leadingZero && digits == 2))
            {
                return false;
            }
            else if (digits == 1)
            {
                leadingZero = c == '0';
            }
        }

        return dots == 3 && digits > 0;
    }
}
