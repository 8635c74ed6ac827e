using System.Net;
using System.Text;
using StreamJobs.Telemetry.Flows;
using Xunit;
using StreamJobs.TestKit;

namespace StreamJobs.Telemetry.Tests.Flows;

public sealed class IpAddressTests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("10.1.2.3")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("2001:db8::1")]
    [InlineData("2001:db8:0:1:1:1:1:1")]
    [InlineData("fe80::1:0:0:0:1")]
    [InlineData("1::")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    public void Round_trips_and_formats_like_the_framework(string text)
    {
        Assert.True(IpAddress.TryParse(text, out var address));
        Assert.True(IpAddress.TryParse(Encoding.UTF8.GetBytes(text), out var fromUtf8));
        var framework = IPAddress.Parse(text);

        Assert.Equal(address, fromUtf8);
        Assert.Equal(framework.ToString(), address.ToString());
        Span<byte> bytes = stackalloc byte[16];
        address.WriteBytes(bytes);
        Assert.Equal(address, IpAddress.FromBytes(bytes));
        Assert.Equal(address, IpAddress.FromBytes(framework.GetAddressBytes()));
    }

    [Theory]
    [InlineData("::ffff:10.1.2.3", "10.1.2.3")]
    [InlineData("::FFFF:a01:203", "10.1.2.3")]
    [InlineData("64:ff9b::192.0.2.33", "64:ff9b::c000:221")]
    public void Mapped_and_embedded_ipv4_parse(string text, string expected)
    {
        Assert.Equal(expected, IpAddress.Parse(text).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.1.1.1")]
    [InlineData("01.2.3.4")]
    [InlineData("1.2.3.")]
    [InlineData(":::")]
    [InlineData("1::2::3")]
    [InlineData("12345::")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    [InlineData("1:2:3:4:5:6:7")]
    [InlineData("fe80::1%eth0")]
    [InlineData("g::1")]
    [InlineData("1:")]
    public void Bad_text_is_rejected(string text)
    {
        Assert.False(IpAddress.TryParse(text, out _));
        Assert.Throws<FormatException>(() => IpAddress.Parse(text));
    }

    [Fact]
    public void V4_and_v6_share_one_key_space()
    {
        var v4 = IpAddress.FromV4(10, 0, 0, 1);
        Assert.True(v4.IsV4);
        Assert.Equal(0x0A000001u, v4.V4Value);
        Assert.Equal(v4, IpAddress.Parse("::ffff:10.0.0.1"));
        Assert.Equal(v4.GetHashCode(), IpAddress.Parse("10.0.0.1").GetHashCode());
        Assert.NotEqual(v4, IpAddress.Parse("::a00:1"));
        Assert.False(IpAddress.Parse("::a00:1").IsV4);
    }

    [Fact]
    public void Parsing_and_hashing_do_not_allocate()
    {
        IpAddress.TryParse("2001:db8:85a3::8a2e:370:7334"u8, out _); // warm up: a span literal cannot be captured, so it is repeated below
        int hash = 0;
        var allocated = Allocations.UntilQuiet(() =>
        {
            for (int i = 0; i < 1_000; i++)
            {
                IpAddress.TryParse("2001:db8:85a3::8a2e:370:7334"u8, out var address);
                hash ^= address.GetHashCode();
            }
        });

        Assert.True(allocated[^1] == 0, $"bytes allocated per 1,000 parses: {string.Join(", ", allocated)}");
        Assert.NotEqual(0, hash | 1);
    }
}
