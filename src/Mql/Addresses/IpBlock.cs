using System.Globalization;

namespace StreamJobs.Mql.Addresses;

/// <summary>
/// A CIDR block such as <c>10.0.0.0/8</c> or <c>fd00::/8</c>, parsed once when a query compiles. Matching is a mask
/// and a compare on the address's 128 bits; an IPv4 block (stored as <c>::ffff:a.b.c.d/96+n</c>) matches IPv4
/// addresses only, an IPv6 block IPv6 addresses and, for <c>::/0</c> and <c>::ffff:0:0/96</c>, IPv4 ones too.
/// </summary>
internal readonly struct IpBlock(UInt128 network, UInt128 mask)
{
    /// <summary>Longest block text we read (an IPv6 address, '/', three digits); longer text is refused unread.</summary>
    public const int MaxLength = IpText.MaxLength + 4;

    public bool Contains(UInt128 address) => (address & mask) == network;

    /// <summary>The block holding only <paramref name="address"/>.</summary>
    public static IpBlock Single(UInt128 address) => new(address, UInt128.MaxValue);

    /// <summary>Parses <c>address/prefix</c>, or a bare address as a one-address block; <paramref name="error"/> says why not.</summary>
    public static bool TryParse(string text, out IpBlock block, out string error)
    {
        block = default;
        var shown = text.Length <= MaxLength ? $"'{text}'" : $"a {text.Length}-character string";
        if (text.Length > MaxLength)
        {
            error = $"{shown} is not a CIDR block: longer than {MaxLength} characters";
            return false;
        }

        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text.AsSpan() : text.AsSpan(0, slash);
        if (!IpText.TryParse(addressText, out var address, out var isV4))
        {
            error = $"{shown} is not a CIDR block like '10.0.0.0/8' or 'fd00::/8': '{addressText}' is not an IPv4 or IPv6 address";
            return false;
        }

        var bits = isV4 ? 32 : 128;
        var prefix = bits;
        if (slash >= 0 && !TryParsePrefix(text.AsSpan(slash + 1), bits, out prefix))
        {
            error = $"{shown} is not a CIDR block: the prefix length after '/' must be a whole number from 0 to {bits}";
            return false;
        }

        // An IPv4 /n covers the last n bits of the 32 that follow the 96-bit IPv4-mapped prefix.
        var length = isV4 ? 96 + prefix : prefix;
        var mask = length == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - length);
        if ((address & ~mask) != UInt128.Zero)
        {
            error = $"{shown} is not a CIDR block: the address has bits set after the /{prefix} prefix (the block is {IpText.Format(address & mask)}/{prefix})";
            return false;
        }

        block = new IpBlock(address, mask);
        error = string.Empty;
        return true;
    }

    private static bool TryParsePrefix(ReadOnlySpan<char> text, int bits, out int prefix)
    {
        prefix = 0;
        return text.Length is > 0 and <= 3 && !text.ContainsAnyExceptInRange('0', '9')
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) && prefix <= bits;
    }
}
