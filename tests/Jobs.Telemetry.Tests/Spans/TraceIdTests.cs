using StreamJobs.Telemetry.Spans;
using Xunit;

namespace StreamJobs.Telemetry.Tests.Spans;

public class TraceIdTests
{
    [Theory]
    [InlineData("463ac35c9f6413ad48485a3953bb6124")]
    [InlineData("48485a3953bb6124")]
    public void Hex_round_trips(string hex)
    {
        Assert.True(TraceId.TryParse(hex.AsSpan(), out TraceId id));
        Assert.Equal(hex, id.ToString());
        Assert.True(TraceId.TryParse(System.Text.Encoding.ASCII.GetBytes(hex), out TraceId fromUtf8));
        Assert.Equal(id, fromUtf8);
    }

    [Theory]
    [InlineData("")]
    [InlineData("463ac35c9f6413a")]
    [InlineData("463ac35c9f6413ad48485a3953bb612")]
    [InlineData("463ac35c9f6413ad48485a3953bb612g")]
    [InlineData("463ac35c9f6413ad48485a3953bb61245")]
    [InlineData("0x3ac35c9f6413ad")]
    [InlineData("463ac35c9f6413a ")]
    [InlineData("-63ac35c9f6413ad")]
    public void Bad_hex_is_rejected(string hex)
    {
        Assert.False(TraceId.TryParse(hex.AsSpan(), out var id));
        Assert.False(TraceId.TryParse(System.Text.Encoding.UTF8.GetBytes(hex), out var fromUtf8));
        Assert.Equal(default, id);
        Assert.Equal(default, fromUtf8);
    }

    [Fact]
    public void A_bad_digit_is_rejected_at_every_position_in_either_encoding()
    {
        const string good = "463ac35c9f6413ad48485a3953bb6124";
        foreach (char bad in "gG z/:@`\u00e9")
        {
            for (int at = 0; at < good.Length; at++)
            {
                string hex = good[..at] + bad + good[(at + 1)..];
                Assert.False(TraceId.TryParse(hex.AsSpan(), out _), hex);
                Assert.False(TraceId.TryParse(System.Text.Encoding.UTF8.GetBytes(hex), out _), hex);
                string half = at < 16 ? hex[..16] : hex[16..];
                Assert.False(SpanId.TryParse(half.AsSpan(), out _), half);
                Assert.False(SpanId.TryParse(System.Text.Encoding.UTF8.GetBytes(half), out _), half);
            }
        }
    }

    [Fact]
    public void Either_case_parses_to_the_same_bits_and_writes_lowercase()
    {
        Assert.True(TraceId.TryParse("463AC35C9F6413AD48485a3953BB6124".AsSpan(), out var upper));
        Assert.Equal(new TraceId(0x463ac35c9f6413adUL, 0x48485a3953bb6124UL), upper);
        Assert.Equal("463ac35c9f6413ad48485a3953bb6124", upper.ToString());
        Assert.True(SpanId.TryParse("FFFFFFFFFFFFFFFF"u8, out var all));
        Assert.Equal(ulong.MaxValue, all.Value);
        Assert.Equal("ffffffffffffffff", all.ToString());
        Assert.Equal("0000000000000001", new SpanId(1).ToString());
    }

    [Theory]
    [InlineData("463ac35c9f6413ad48485a3953bb6124")]
    [InlineData("48485a3953bb6124")]
    [InlineData("0000000000000001")]
    public void Utf8_formatting_spells_what_ToString_spells(string hex)
    {
        var id = TraceId.Parse(hex);
        Span<byte> utf8 = stackalloc byte[40];
        Assert.True(id.TryFormat(utf8, out int written));
        Assert.Equal(hex.Length, written);
        Assert.Equal(id.HexLength, written);
        Assert.Equal(hex, System.Text.Encoding.ASCII.GetString(utf8[..written]));
        Assert.False(id.TryFormat(utf8[..(written - 1)], out int none));
        Assert.Equal(0, none);
        Assert.False(id.TryFormat(utf8, out _, "x"));

        var spanId = SpanId.Parse(hex[^16..]);
        Assert.True(spanId.TryFormat(utf8, out int spanWritten));
        Assert.Equal(hex[^16..], System.Text.Encoding.ASCII.GetString(utf8[..spanWritten]));
        Assert.False(spanId.TryFormat(utf8[..15], out _));
    }

    [Fact]
    public void Bytes_round_trip_big_endian()
    {
        TraceId id = TraceId.Parse("0102030405060708090a0b0c0d0e0f10");
        byte[] bytes = new byte[16];

        id.WriteBytes(bytes);

        Assert.Equal(1, bytes[0]);
        Assert.Equal(16, bytes[15]);
        Assert.True(TraceId.TryFromBytes(bytes, out TraceId back));
        Assert.Equal(id, back);
    }

    [Fact]
    public void Stable_hash_is_fixed_across_processes()
    {
        // Pinned value: if this changes, replicas running different builds would disagree.
        TraceId id = TraceId.Parse("463ac35c9f6413ad48485a3953bb6124");
        ulong expected = Mix(Mix(0x463ac35c9f6413adUL) ^ 0x48485a3953bb6124UL);

        Assert.Equal(expected, id.GetStableHash());
        Assert.NotEqual(id.GetStableHash(), new TraceId(0, 0x48485a3953bb6124UL).GetStableHash());
    }

    private static ulong Mix(ulong k)
    {
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccdUL;
        k ^= k >> 33;
        k *= 0xc4ceb9fe1a85ec53UL;
        k ^= k >> 33;
        return k;
    }
}
