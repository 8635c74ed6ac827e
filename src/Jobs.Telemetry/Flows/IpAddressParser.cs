using System.Numerics;

namespace StreamJobs.Telemetry.Flows;

/// <summary>Allocation-free IPv4/IPv6 text parsing shared by UTF-16 and UTF-8 input.</summary>
internal static class IpAddressParser
{
    // "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255" is the longest valid form.
    private const int MaxInputLength = 45;

    public static bool TryParse<TChar>(ReadOnlySpan<TChar> text, out IpAddress address)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        address = default;
        if (text.IsEmpty || text.Length > MaxInputLength)
        {
            return false;
        }

        if (text.IndexOf(TChar.CreateTruncating(':')) < 0)
        {
            if (!TryParseV4(text, out uint v4))
            {
                return false;
            }

            address = IpAddress.FromV4(v4);
            return true;
        }

        return TryParseV6(text, out address);
    }

    private static int At<TChar>(ReadOnlySpan<TChar> text, int index) where TChar : unmanaged, IBinaryInteger<TChar> =>
        int.CreateTruncating(text[index]);

    private static bool TryParseV4<TChar>(ReadOnlySpan<TChar> text, out uint value)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        value = 0;
        int parts = 0;
        int i = 0;
        while (true)
        {
            int start = i;
            uint part = 0;
            while (i < text.Length)
            {
                uint digit = (uint)(At(text, i) - '0');
                if (digit > 9)
                {
                    break;
                }

                part = (part * 10) + digit;
                if (part > 255)
                {
                    return false;
                }

                i++;
            }

            int length = i - start;
            // Leading zeros are rejected: some parsers read them as octal, so the text would be ambiguous.
            if (length == 0 || (length > 1 && At(text, start) == '0'))
            {
                return false;
            }

            value = (value << 8) | part;
            parts++;
            if (i == text.Length)
            {
                return parts == 4;
            }

            if (parts == 4 || At(text, i) != '.')
            {
                return false;
            }

            i++;
        }
    }

    private static int HexValue(int c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static bool TryParseV6<TChar>(ReadOnlySpan<TChar> text, out IpAddress address)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        address = default;
        Span<ushort> groups = stackalloc ushort[8];
        int count = 0;
        int compressAt = -1;
        int i = 0;
        if (At(text, 0) == ':')
        {
            if (text.Length < 2 || At(text, 1) != ':')
            {
                return false;
            }

            compressAt = 0;
            i = 2;
        }

        while (i < text.Length)
        {
            if (count == 8)
            {
                return false;
            }

            int start = i;
            uint group = 0;
            while (i < text.Length && i - start < 5)
            {
                int hex = HexValue(At(text, i));
                if (hex < 0)
                {
                    break;
                }

                group = (group << 4) | (uint)hex;
                i++;
            }

            if (i < text.Length && At(text, i) == '.')
            {
                if (count > 6 || !TryParseV4(text[start..], out uint v4))
                {
                    return false;
                }

                groups[count++] = (ushort)(v4 >> 16);
                groups[count++] = (ushort)v4;
                break;
            }

            int length = i - start;
            if (length == 0 || length > 4)
            {
                return false;
            }

            groups[count++] = (ushort)group;
            if (i == text.Length)
            {
                break;
            }

            if (At(text, i) != ':')
            {
                return false;
            }

            i++;
            if (i < text.Length && At(text, i) == ':')
            {
                if (compressAt >= 0)
                {
                    return false;
                }

                compressAt = count;
                i++;
            }
            else if (i == text.Length)
            {
                return false;
            }
        }

        if (compressAt < 0 ? count != 8 : count > 7)
        {
            return false;
        }

        Span<ushort> full = stackalloc ushort[8];
        full.Clear();
        if (compressAt < 0)
        {
            groups.CopyTo(full);
        }
        else
        {
            groups[..compressAt].CopyTo(full);
            int tail = count - compressAt;
            groups.Slice(compressAt, tail).CopyTo(full[(8 - tail)..]);
        }

        ulong high = ((ulong)full[0] << 48) | ((ulong)full[1] << 32) | ((ulong)full[2] << 16) | full[3];
        ulong low = ((ulong)full[4] << 48) | ((ulong)full[5] << 32) | ((ulong)full[6] << 16) | full[7];
        address = new IpAddress(high, low);
        return true;
    }
}
