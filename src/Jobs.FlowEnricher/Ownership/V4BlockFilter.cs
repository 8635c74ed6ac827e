using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Ownership;

/// <summary>
/// One bit per IPv4 /16 that some block of a <see cref="CidrTable"/> overlaps (8 KB, so it stays in cache). An IPv4
/// address whose /16 has no bit matches no block, and the table skips its probes: the attributor asks about every
/// end no IP range covers, and nearly all of them are in no block.
/// </summary>
internal sealed class V4BlockFilter
{
    private const int Prefixes = 1 << 16;

    private readonly ulong[] _bits = new ulong[Prefixes / 64];

    /// <summary>Marks the /16s that the block <paramref name="network"/>/<paramref name="prefixLength"/> (of 128 bits) overlaps.</summary>
    public void Add(in IpAddress network, int prefixLength)
    {
        if (network.IsV4 && prefixLength >= 96)
        {
            int length = prefixLength - 96;
            int count = length >= 16 ? 1 : 1 << (16 - length);
            Mark((int)(network.V4Value >> 16) & ~(count - 1), count);
        }
        else if (IpAddress.FromV4(0).Mask(prefixLength) == network)
        {
            // An IPv6 block wide enough to hold the IPv4-mapped range holds every IPv4 address.
            Mark(0, Prefixes);
        }
    }

    /// <summary>False only for an IPv4 address in no block; IPv6 addresses always may match.</summary>
    public bool MayMatch(in IpAddress ip)
    {
        if (!ip.IsV4)
        {
            return true;
        }

        int prefix = (int)(ip.V4Value >> 16);
        return (_bits[prefix >> 6] & (1UL << prefix)) != 0;
    }

    private void Mark(int first, int count)
    {
        for (int prefix = first; prefix < first + count; prefix++)
        {
            _bits[prefix >> 6] |= 1UL << prefix;
        }
    }
}
