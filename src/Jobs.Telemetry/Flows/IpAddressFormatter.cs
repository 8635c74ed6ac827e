using System.Numerics;

namespace StreamJobs.Telemetry.Flows;

/// <summary>Allocation-free formatting: dotted IPv4, RFC 5952 IPv6 (lower case, longest zero run compressed).</summary>
internal static class IpAddressFormatter
{
    public static bool TryFormat<TChar>(IpAddress address, Span<TChar> destination, out int written)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        Span<TChar> buffer = stackalloc TChar[IpAddress.MaxTextLength];
        int length = address.IsV4 ? FormatV4(address.V4Value, buffer) : FormatV6(address, buffer);
        if (length > destination.Length)
        {
            written = 0;
            return false;
        }

        buffer[..length].CopyTo(destination);
        written = length;
        return true;
    }

    private static int FormatV4<TChar>(uint value, Span<TChar> buffer) where TChar : unmanaged, IBinaryInteger<TChar>
    {
        int p = 0;
        for (int shift = 24; shift >= 0; shift -= 8)
        {
            uint octet = (value >> shift) & 0xFF;
            if (octet >= 100)
            {
                buffer[p++] = TChar.CreateTruncating('0' + (octet / 100));
            }

            if (octet >= 10)
            {
                buffer[p++] = TChar.CreateTruncating('0' + (octet / 10 % 10));
            }

            buffer[p++] = TChar.CreateTruncating('0' + (octet % 10));
            if (shift > 0)
            {
                buffer[p++] = TChar.CreateTruncating('.');
            }
        }

        return p;
    }

    private static int FormatV6<TChar>(IpAddress address, Span<TChar> buffer) where TChar : unmanaged, IBinaryInteger<TChar>
    {
        Span<ushort> groups = stackalloc ushort[8];
        for (int g = 0; g < 4; g++)
        {
            groups[g] = (ushort)(address.High >> (48 - (16 * g)));
            groups[g + 4] = (ushort)(address.Low >> (48 - (16 * g)));
        }

        // RFC 5952 4.2: compress the longest run of two or more zero groups, the first one on a tie.
        int bestStart = -1, bestLength = 1;
        for (int g = 0; g < 8;)
        {
            if (groups[g] != 0)
            {
                g++;
                continue;
            }

            int runStart = g;
            while (g < 8 && groups[g] == 0)
            {
                g++;
            }

            if (g - runStart > bestLength)
            {
                bestStart = runStart;
                bestLength = g - runStart;
            }
        }

        int p = 0;
        for (int g = 0; g < 8;)
        {
            if (g == bestStart)
            {
                buffer[p++] = TChar.CreateTruncating(':');
                buffer[p++] = TChar.CreateTruncating(':');
                g += bestLength;
                continue;
            }

            if (g > 0 && g != bestStart + bestLength)
            {
                buffer[p++] = TChar.CreateTruncating(':');
            }

            p += WriteHex(groups[g], buffer[p..]);
            g++;
        }

        return p;
    }

    private static int WriteHex<TChar>(ushort value, Span<TChar> buffer) where TChar : unmanaged, IBinaryInteger<TChar>
    {
        int p = 0;
        bool started = false;
        for (int shift = 12; shift >= 0; shift -= 4)
        {
            int nibble = (value >> shift) & 0xF;
            if (nibble == 0 && !started && shift > 0)
            {
                continue;
            }

            started = true;
            buffer[p++] = TChar.CreateTruncating(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
        }

        return p;
    }
}
