using StreamJobs.FlowEnricher.Ownership;
using static StreamJobs.FlowEnricher.Tests.Support.Flows;

namespace StreamJobs.FlowEnricher.Tests.Ownership;

public sealed class CidrTableTests
{
    [Theory]
    [InlineData("10.1.2.3", "vpc")]
    [InlineData("10.20.0.9", "region-b")]
    [InlineData("10.20.30.40", "lb")]
    [InlineData("8.8.8.8", "internet")]
    [InlineData("2001:db8:1::5", "v6-block")]
    [InlineData("2001:db8:1:2::5", "v6-subnet")]
    public void Longest_prefix_wins(string ip, string expected)
    {
        var table = new CidrTable();
        table.Add("0.0.0.0/0", "internet");
        table.Add("10.0.0.0/8", "vpc");
        table.Add("10.20.0.0/16", "region-b");
        table.Add("10.20.30.0/24", "lb");
        table.Add("2001:db8::/32", "v6-block");
        table.Add("2001:db8:1:2::/64", "v6-subnet");

        Assert.True(table.TryMatch(Ip(ip), out var match));
        Assert.Equal(expected, match.Owner);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Matches_what_a_scan_of_every_block_finds(int seed)
    {
        // The table skips its probes for IPv4 addresses outside every block's /16s; it must never skip a match. Blocks
        // of every IPv4 length, and IPv6 blocks, some wide enough to hold the IPv4-mapped range.
        var random = new Random(seed);
        var table = new CidrTable();
        var blocks = new List<(StreamJobs.Telemetry.Flows.IpAddress Network, int Length, string Owner)>();
        void Add(string cidr)
        {
            string owner = "owner-" + blocks.Count;
            table.Add(cidr, owner);
            Assert.True(CidrTable.TryParse(cidr, out var network, out int length));
            blocks.RemoveAll(b => b.Network == network && b.Length == length);
            blocks.Add((network, length, owner));
        }

        for (int i = 0; i < 40; i++)
        {
            uint address = (uint)random.NextInt64(0, 1L << 32);
            Add($"{StreamJobs.Telemetry.Flows.IpAddress.FromV4(address)}/{random.Next(0, 33)}");
        }

        Add("2001:db8::/32");
        if (seed > 1)
        {
            Add(seed == 2 ? "::/0" : "::/64");
        }

        for (int i = 0; i < 20_000; i++)
        {
            // Half the addresses near a block (same /16), half anywhere.
            var near = blocks[random.Next(blocks.Count)].Network;
            uint v4 = i % 2 == 0 && near.IsV4 ? (near.V4Value & 0xFFFF_0000) | (uint)random.Next(0, 1 << 16) : (uint)random.NextInt64(0, 1L << 32);
            var ip = StreamJobs.Telemetry.Flows.IpAddress.FromV4(v4);
            var expected = blocks.Where(b => ip.Mask(b.Length) == b.Network).OrderByDescending(b => b.Length).Select(b => b.Owner).FirstOrDefault();

            Assert.Equal(expected, table.TryMatch(ip, out var match) ? match.Owner : null);
        }
    }

    [Fact]
    public void Ipv4_blocks_do_not_match_ipv6_addresses()
    {
        var table = new CidrTable();
        table.Add("0.0.0.0/0", "internet-v4");

        Assert.False(table.TryMatch(Ip("2001:db8::1"), out _));
    }

    [Theory]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/33")]
    [InlineData("zz/8")]
    [InlineData("::/129")]
    public void Bad_blocks_are_rejected(string cidr)
    {
        Assert.Throws<FormatException>(() => new CidrTable().Add(cidr, "x"));
    }
}
