using StreamJobs.Mql.Tests.Support;
using Xunit;

namespace StreamJobs.Mql.Tests;

/// <summary><c>IN 'cidr'</c> over typed IP properties (bits) and over JSON strings (parsed), IPv4 and IPv6.</summary>
public class CidrMatchTests
{
    private static readonly MqlSchema<Endpoint> Schema = MqlSchema<Endpoint>.Build(b => b
        .Ip("ip", e => e.Ip)
        .Property("name", e => e.Name));

    [Theory]
    [InlineData("10.1.2.3", "ip in '10.0.0.0/8'", true)]
    [InlineData("11.1.2.3", "ip in '10.0.0.0/8'", false)]
    [InlineData("10.1.2.3", "ip not in '10.0.0.0/8'", false)]
    [InlineData("192.168.1.255", "ip in '192.168.1.0/24'", true)]
    [InlineData("192.168.2.0", "ip in '192.168.1.0/24'", false)]
    [InlineData("8.8.8.8", "ip in '0.0.0.0/0'", true)]
    [InlineData("10.1.2.3", "ip in '10.1.2.3'", true)]
    [InlineData("10.1.2.3", "ip in '10.1.2.3/32'", true)]
    [InlineData("10.1.2.4", "ip in '10.1.2.3/32'", false)]
    [InlineData("fd00::1", "ip in 'fd00::/8'", true)]
    [InlineData("fe80::1", "ip in 'fd00::/8'", false)]
    [InlineData("2001:db8::ff", "ip in '2001:DB8::/32'", true)]
    [InlineData("10.1.2.3", "ip in 'fd00::/8'", false)]
    [InlineData("fd00::1", "ip in '10.0.0.0/8'", false)]
    [InlineData("fd00::1", "ip in '0.0.0.0/0'", false)]
    [InlineData("10.1.2.3", "ip in '::/0'", true)]
    [InlineData("10.1.2.3", "ip in '::ffff:10.0.0.0/104'", true)]
    [InlineData("10.1.2.3", "ip == '10.1.2.3'", true)]
    [InlineData("10.1.2.3", "ip == '::FFFF:10.1.2.3'", true)]
    [InlineData("10.1.2.3", "ip != '10.1.2.3'", false)]
    [InlineData("2001:db8::1", "ip = '2001:0db8:0:0::1'", true)]
    [InlineData("10.1.2.3", "ip ==~ /^10\\./", true)]
    [InlineData("10.1.2.3", "name == 'x' and ip in '10.0.0.0/8'", true)]
    public void Typed_ip_properties_match_blocks_on_their_bits(string ip, string where, bool expected)
    {
        Assert.Equal(expected, Mql.CompilePredicate(where, Schema).Matches(new Endpoint(Bits(ip), "x")));
    }

    [Theory]
    [InlineData("""{"ip":"10.1.2.3"}""", true)]
    [InlineData("""{"ip":"::ffff:10.1.2.3"}""", true)]
    [InlineData("""{"ip":"11.1.2.3"}""", false)]
    [InlineData("""{"ip":"010.1.2.3"}""", false)]
    [InlineData("""{"ip":"10.1"}""", false)]
    [InlineData("""{"ip":"not an address"}""", false)]
    [InlineData("""{"ip":10}""", false)]
    [InlineData("""{"ip":null}""", false)]
    [InlineData("""{}""", false)]
    public void Json_strings_are_parsed_and_anything_else_is_outside(string record, bool expected)
    {
        Assert.Equal(expected, Mql.CompilePredicate("ip in '10.0.0.0/8'", MqlSchema.Json).Matches(Json.Parse(record)));
    }

    [Fact]
    public void A_list_of_addresses_matches_when_any_is_inside()
    {
        var predicate = Mql.CompilePredicate("e['ips'][*] in 'fd00::/8'", MqlSchema.Json);

        Assert.True(predicate.Matches(Json.Parse("""{"ips":["10.0.0.1","fd00::7"]}""")));
        Assert.False(predicate.Matches(Json.Parse("""{"ips":["10.0.0.1","fe80::7"]}""")));
    }

    [Theory]
    [InlineData("10.1.2.3", "10.1.2.3")]
    [InlineData("::ffff:10.1.2.3", "10.1.2.3")]
    [InlineData("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1")]
    [InlineData("::", "::")]
    public void Selected_addresses_are_text(string ip, string expected)
    {
        var compiled = Mql.Parse("select ip").Compile(Schema);

        Assert.Equal($$"""{"ip":"{{expected}}"}""", Json.Write(w => compiled.WriteProjection(w, new Endpoint(Bits(ip), "x"))));
        Assert.Equal("ip: ip", Schema.Properties[0].ToString());
    }

    [Fact]
    public void Matching_a_typed_address_allocates_nothing_per_record()
    {
        var predicate = Mql.CompilePredicate("ip in '10.0.0.0/8' or ip in 'fd00::/8' or ip == '192.168.0.1'", Schema);
        var record = new Endpoint(Bits("172.16.0.1"), "x");
        Assert.Equal(0, Count(predicate, record, 10_000));

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0, Count(predicate, record, 100_000));

        // Formatting the address once per record would cost over 3 MB here; the JIT may still allocate a few bytes.
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 10_000, $"{allocated} bytes for 100,000 records");
    }

    private static int Count(MqlPredicate<Endpoint> predicate, Endpoint record, int times)
    {
        var matches = 0;
        for (var i = 0; i < times; i++)
        {
            matches += predicate.Matches(record) ? 1 : 0;
        }

        return matches;
    }

    private static UInt128 Bits(string text)
    {
        var address = System.Net.IPAddress.Parse(text);
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bytes = address.MapToIPv6().GetAddressBytes();
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    private sealed record Endpoint(UInt128 Ip, string Name);
}
