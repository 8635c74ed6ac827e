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
