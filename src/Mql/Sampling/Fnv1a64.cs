namespace StreamJobs.Mql.Sampling;

/// <summary>
/// FNV-1a, 64 bit. Stable across processes, platforms and runtime versions, unlike
/// <see cref="string.GetHashCode()"/>, which is what STICKY sampling needs so that every replica
/// keeps the same keys.
/// </summary>
internal static class Fnv1a64
{
    public const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>
    /// Avalanches the hash (the 64-bit finaliser of MurmurHash3). FNV's low bits are weak: the lowest bit is
    /// just the parity of the input bytes, so <c>hash % factor</c> with a small factor needs this step.
    /// </summary>
    public static ulong Finish(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        hash ^= hash >> 33;
        return hash;
    }

    public static ulong AppendByte(ulong hash, byte value) => (hash ^ value) * Prime;

    /// <summary>Hashes UTF-16 code units, low byte first.</summary>
    public static ulong Append(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }

        return hash;
    }

    public static ulong Append(ulong hash, ulong value)
    {
        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ (byte)(value >> (i * 8))) * Prime;
        }

        return hash;
    }
}
