namespace StreamJobs.Cassandra.Tests;

public sealed class TableOptionsTests
{
    private static TableOptions For(string version, double windowHours = 1, double? ttlDays = null) =>
        TableOptions.For(ServerVersion.Parse(version), TimeSpan.FromHours(windowHours), ttlDays is { } d ? TimeSpan.FromDays(d) : null);

    [Theory]
    [InlineData("4.1.3")]
    [InlineData("5.0.2")]
    public void Modern_servers_get_twcs_and_zstd_without_substitution(string version)
    {
        var o = For(version);
        Assert.Equal("TimeWindowCompactionStrategy", o.CompactionStrategy);
        Assert.Contains("'compaction_window_unit': 'HOURS'", o.Compaction);
        Assert.Contains("ZstdCompressor", o.Compression);
        Assert.False(o.IsSubstituted);
        Assert.Equal(string.Empty, o.Note);
    }

    [Theory]
    [InlineData("3.11.10")]
    [InlineData("3.0.8")]
    public void Three_x_with_twcs_gets_lz4_and_a_note(string version)
    {
        var o = For(version);
        Assert.Equal("TimeWindowCompactionStrategy", o.CompactionStrategy);
        Assert.Equal("{'class': 'LZ4Compressor'}", o.Compression);
        Assert.Contains("ZstdCompressor needs Cassandra 4.0", o.Note);
    }

    [Theory]
    [InlineData("3.0.7", "DateTieredCompactionStrategy")]
    [InlineData("2.1.1", "DateTieredCompactionStrategy")]
    [InlineData("2.0.11", "DateTieredCompactionStrategy")]
    [InlineData("2.1.0", "SizeTieredCompactionStrategy")]
    [InlineData("2.0.10", "SizeTieredCompactionStrategy")]
    public void Older_servers_get_the_closest_strategy_they_have(string version, string expected)
    {
        var o = For(version);
        Assert.Equal(expected, o.CompactionStrategy);
        Assert.Contains(expected, o.Note);
        Assert.Contains(version, o.Note);
    }

    [Fact]
    public void Two_x_uses_the_old_compression_option_name()
    {
        Assert.Equal("{'sstable_compression': 'LZ4Compressor'}", For("2.1.0").Compression);
    }

    [Fact]
    public void Date_tiered_follows_the_window_and_ttl()
    {
        var o = For("2.1.5", windowHours: 2, ttlDays: 7);
        Assert.Contains("'base_time_seconds': '7200'", o.Compaction);
        Assert.Contains("'max_sstable_age_days': '7'", o.Compaction);
    }

    [Theory]
    [InlineData(24, "DAYS", 1)]
    [InlineData(6, "HOURS", 6)]
    [InlineData(0.5, "MINUTES", 30)]
    public void Time_window_unit_fits_the_window(double hours, string unit, int size)
    {
        var o = For("4.0.0", windowHours: hours);
        Assert.Contains($"'compaction_window_unit': '{unit}', 'compaction_window_size': '{size}'", o.Compaction);
    }

    [Fact]
    public void Cql_fragment_joins_the_options_and_the_ttl()
    {
        var o = For("4.0.0", ttlDays: 1);
        Assert.Equal($"compaction = {o.Compaction} AND compression = {o.Compression} AND default_time_to_live = 86400", o.ToCql());
    }

    [Fact]
    public void Sub_minute_window_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TableOptions.For(ServerVersion.Parse("4.0.0"), TimeSpan.FromSeconds(5)));
    }
}
