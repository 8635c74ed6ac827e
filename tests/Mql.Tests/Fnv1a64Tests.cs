using StreamJobs.Mql.Sampling;
using Xunit;

namespace StreamJobs.Mql.Tests;

public class Fnv1a64Tests
{
    [Fact]
    public void Matches_the_published_fnv1a_64_test_vectors()
    {
        // Reference values from the FNV specification's test suite: "" and "a" and "foobar".
        Assert.Equal(0xcbf29ce484222325UL, Fnv1a64.OffsetBasis);
        Assert.Equal(0xaf63dc4c8601ec8cUL, Fnv1a64.AppendByte(Fnv1a64.OffsetBasis, (byte)'a'));
        var foobar = "foobar"u8.ToArray().Aggregate(Fnv1a64.OffsetBasis, Fnv1a64.AppendByte);
        Assert.Equal(0x85944171f73967e8UL, foobar);
    }

    [Fact]
    public void Finish_spreads_low_bit_parity()
    {
        // Inputs differing in two bytes' low bits have the same raw FNV low bit; the finaliser must separate them.
        var lowBits = Enumerable.Range(0, 256)
            .Select(i => Fnv1a64.Finish(Fnv1a64.Append(Fnv1a64.OffsetBasis, $"key-{i}")) & 1)
            .Count(b => b == 1);

        Assert.InRange(lowBits, 96, 160);
    }
}
