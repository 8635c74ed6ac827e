namespace StreamJobs.Telemetry.Spans;

/// <summary>Hex encoding shared by <see cref="TraceId"/> and <see cref="SpanId"/>; accepts either case, writes lowercase.</summary>
internal static class HexId
{
    private const string Digits = "0123456789abcdef";

    public static bool TryParseUInt64(ReadOnlySpan<char> hex, out ulong value)
    {
        value = 0;
        if (hex.Length == 0 || hex.Length > 16)
        {
            return false;
        }

        foreach (char c in hex)
        {
            int d = Nibble(c);
            if (d < 0)
            {
                value = 0;
                return false;
            }

            value = (value << 4) | (uint)d;
        }

        return true;
    }

    public static bool TryParseUInt64(ReadOnlySpan<byte> utf8Hex, out ulong value)
    {
        value = 0;
        if (utf8Hex.Length == 0 || utf8Hex.Length > 16)
        {
            return false;
        }

        foreach (byte b in utf8Hex)
        {
            int d = Nibble((char)b);
            if (d < 0)
            {
                value = 0;
                return false;
            }

            value = (value << 4) | (uint)d;
        }

        return true;
    }

    public static void Write(ulong value, Span<char> destination16)
    {
        for (int i = 15; i >= 0; i--)
        {
            destination16[i] = Digits[(int)(value & 0xF)];
            value >>= 4;
        }
    }

    private static int Nibble(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
