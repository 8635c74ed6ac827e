using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Ownership;

/// <summary>
/// Address blocks owned as a whole (load balancers, other regions, "internet"), IPv4 and IPv6, longest prefix wins.
/// One hash table per prefix length, probed from the longest length present: a handful of probes per lookup, none
/// for an IPv4 address outside every block's /16s (<see cref="V4BlockFilter"/>).
/// Not thread-safe for writes; build it before use or under the caller's lock.
/// </summary>
public sealed class CidrTable
{
    private readonly Dictionary<int, Dictionary<IpAddress, CidrMatch>> _byLength = [];
    private readonly V4BlockFilter _v4Filter = new();
    private int[] _lengths = [];
    private Dictionary<IpAddress, CidrMatch>[] _tables = [];

    /// <summary>Blocks in the table.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Adds (or replaces) a block such as <c>10.0.0.0/8</c> or <c>2001:db8::/32</c>. An authoritative block is used
    /// at once when no IP range covers a flow; others only after the flow waited in vain.
    /// </summary>
    /// <exception cref="FormatException">The text is not an address/prefix pair.</exception>
    public void Add(ReadOnlySpan<char> cidr, string owner, bool authoritative = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        if (!TryParse(cidr, out var network, out int length))
        {
            throw new FormatException($"'{cidr}' is not a CIDR block like 10.0.0.0/8 or 2001:db8::/32.");
        }

        if (!_byLength.TryGetValue(length, out var blocks))
        {
            blocks = [];
            _byLength.Add(length, blocks);
            _lengths = [.. _byLength.Keys.OrderDescending()];
            _tables = [.. _lengths.Select(l => _byLength[l])];
        }

        _v4Filter.Add(network, length);
        if (blocks.TryAdd(network, new CidrMatch(owner, length, authoritative)))
        {
            Count++;
        }
        else
        {
            blocks[network] = new CidrMatch(owner, length, authoritative);
        }
    }

    /// <summary>Parses <c>address/prefix</c>; the address is masked to the prefix and an IPv4 prefix is mapped to 128 bits.</summary>
    public static bool TryParse(ReadOnlySpan<char> cidr, out IpAddress network, out int prefixLength)
    {
        network = default;
        prefixLength = 0;
        int slash = cidr.IndexOf('/');
        if (slash < 0 || !IpAddress.TryParse(cidr[..slash], out var address) ||
            !int.TryParse(cidr[(slash + 1)..], System.Globalization.NumberStyles.None, null, out int length))
        {
            return false;
        }

        int max = address.IsV4 ? 32 : 128;
        if (length > max)
        {
            return false;
        }

        prefixLength = address.IsV4 ? 96 + length : length;
        network = address.Mask(prefixLength);
        return true;
    }

    /// <summary>Finds the longest block containing <paramref name="ip"/>.</summary>
    public bool TryMatch(in IpAddress ip, out CidrMatch match)
    {
        if (!_v4Filter.MayMatch(ip))
        {
            match = default;
            return false;
        }

        // Parallel arrays: one hash probe per length, no lookup of the per-length table itself.
        var lengths = _lengths;
        var tables = _tables;
        for (int i = 0; i < lengths.Length && i < tables.Length; i++)
        {
            if (tables[i].TryGetValue(ip.Mask(lengths[i]), out match))
            {
                return true;
            }
        }

        match = default;
        return false;
    }
}
