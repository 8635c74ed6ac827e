using System.Buffers.Binary;
using System.Numerics;

namespace StreamJobs.Telemetry.Flows;

/// <summary>
/// An IPv4 or IPv6 address held in 128 bits. IPv4 addresses are stored IPv4-mapped (<c>::ffff:a.b.c.d</c>)
/// so both families share one allocation-free dictionary key.
/// </summary>
public readonly struct IpAddress : IEquatable<IpAddress>, IComparable<IpAddress>, ISpanFormattable, IUtf8SpanFormattable
{
    private const ulong V4MappedPrefix = 0x0000_FFFF_0000_0000UL;

    /// <summary>The longest text <see cref="TryFormat(Span{char}, out int)"/> can produce.</summary>
    public const int MaxTextLength = 39;

    private readonly ulong _high;
    private readonly ulong _low;

    /// <summary>Creates an address from its upper and lower 64 bits (network order, most significant first).</summary>
    public IpAddress(ulong high, ulong low)
    {
        _high = high;
        _low = low;
    }

    /// <summary>The upper 64 bits (bytes 0-7 in network order).</summary>
    public ulong High => _high;

    /// <summary>The lower 64 bits (bytes 8-15 in network order).</summary>
    public ulong Low => _low;

    /// <summary>True for an IPv4 address (stored IPv4-mapped).</summary>
    public bool IsV4 => _high == 0 && (_low & 0xFFFF_FFFF_0000_0000UL) == V4MappedPrefix;

    /// <summary>The IPv4 address as a number (<c>a.b.c.d</c> is <c>a&lt;&lt;24 | … | d</c>); meaningful only when <see cref="IsV4"/>.</summary>
    public uint V4Value => (uint)_low;

    /// <summary>Creates an IPv4 address from its numeric value (<c>a&lt;&lt;24 | b&lt;&lt;16 | c&lt;&lt;8 | d</c>).</summary>
    public static IpAddress FromV4(uint value) => new(0, V4MappedPrefix | value);

    /// <summary>Creates an IPv4 address from its four octets.</summary>
    public static IpAddress FromV4(byte a, byte b, byte c, byte d) =>
        FromV4(((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d);

    /// <summary>Reads an address from 4 (IPv4) or 16 (IPv6) bytes in network order.</summary>
    /// <exception cref="ArgumentException">The span is neither 4 nor 16 bytes long.</exception>
    public static IpAddress FromBytes(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        4 => FromV4(BinaryPrimitives.ReadUInt32BigEndian(bytes)),
        16 => new IpAddress(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..])),
        _ => throw new ArgumentException($"An IP address has 4 or 16 bytes, not {bytes.Length}.", nameof(bytes)),
    };

    /// <summary>Writes the 16-byte (IPv4-mapped for IPv4) network-order form.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than 16 bytes.</exception>
    public void WriteBytes(Span<byte> destination)
    {
        if (destination.Length < 16)
        {
            throw new ArgumentException("An IP address needs 16 bytes.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _low);
    }

    /// <summary>Parses dotted IPv4 or RFC 4291 IPv6 text (no zone id).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IpAddress address) => IpAddressParser.TryParse(text, out address);

    /// <summary>Parses UTF-8 dotted IPv4 or RFC 4291 IPv6 text (no zone id).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Text, out IpAddress address) => IpAddressParser.TryParse(utf8Text, out address);

    /// <summary>Parses an address.</summary>
    /// <exception cref="FormatException">The text is not an IPv4 or IPv6 address.</exception>
    public static IpAddress Parse(ReadOnlySpan<char> text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"'{text}' is not an IPv4 or IPv6 address.");

    /// <summary>Returns the address with all bits after the first <paramref name="prefixLength"/> (of 128) cleared.</summary>
    public IpAddress Mask(int prefixLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, 128);
        ulong highMask = prefixLength >= 64 ? ulong.MaxValue : prefixLength == 0 ? 0 : ulong.MaxValue << (64 - prefixLength);
        ulong lowMask = prefixLength <= 64 ? 0 : prefixLength == 128 ? ulong.MaxValue : ulong.MaxValue << (128 - prefixLength);
        return new IpAddress(_high & highMask, _low & lowMask);
    }

    /// <summary>Formats as dotted IPv4 or RFC 5952 IPv6 text.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten) =>
        IpAddressFormatter.TryFormat(this, destination, out charsWritten);

    /// <summary>Formats as UTF-8 dotted IPv4 or RFC 5952 IPv6 text.</summary>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten) =>
        IpAddressFormatter.TryFormat(this, utf8Destination, out bytesWritten);

    /// <inheritdoc/>
    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(destination, out charsWritten);

    /// <inheritdoc/>
    bool IUtf8SpanFormattable.TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(utf8Destination, out bytesWritten);

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>Dotted IPv4 or RFC 5952 IPv6 text.</summary>
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[MaxTextLength];
        TryFormat(buffer, out int written);
        return new string(buffer[..written]);
    }

    /// <inheritdoc/>
    public bool Equals(IpAddress other) => _high == other._high && _low == other._low;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IpAddress other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        // A cheap multiplicative mix: this is the ownership table's hot dictionary key.
        ulong mixed = (_high * 0x9E3779B97F4A7C15UL) ^ BitOperations.RotateLeft(_low * 0xC2B2AE3D27D4EB4FUL, 31);
        return (int)(mixed ^ (mixed >> 32));
    }

    /// <inheritdoc/>
    public int CompareTo(IpAddress other)
    {
        int byHigh = _high.CompareTo(other._high);
        return byHigh != 0 ? byHigh : _low.CompareTo(other._low);
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(IpAddress left, IpAddress right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(IpAddress left, IpAddress right) => !left.Equals(right);
}
