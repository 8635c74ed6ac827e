using System.Globalization;

namespace StreamJobs.Cassandra;

/// <summary>
/// Table options for time-series data (TTL'd, written in time order) that the connected server supports:
/// TimeWindowCompactionStrategy and ZstdCompressor where available, otherwise the closest older setting, with a
/// <see cref="Note"/> saying what was substituted so the caller can log it.
/// </summary>
public sealed class TableOptions
{
    private TableOptions(string strategy, string compaction, string compression, int? ttlSeconds, string note)
    {
        CompactionStrategy = strategy;
        Compaction = compaction;
        Compression = compression;
        DefaultTimeToLiveSeconds = ttlSeconds;
        Note = note;
    }

    /// <summary>Compaction class name, e.g. <c>TimeWindowCompactionStrategy</c>.</summary>
    public string CompactionStrategy { get; }

    /// <summary>The compaction option map as CQL, e.g. <c>{'class': 'TimeWindowCompactionStrategy', ...}</c>.</summary>
    public string Compaction { get; }

    /// <summary>The compression option map as CQL.</summary>
    public string Compression { get; }

    /// <summary>The table's default TTL in seconds, if one was asked for.</summary>
    public int? DefaultTimeToLiveSeconds { get; }

    /// <summary>What was substituted for an unsupported choice and why; empty when nothing was.</summary>
    public string Note { get; }

    /// <summary>Whether any choice was substituted.</summary>
    public bool IsSubstituted => Note.Length > 0;

    /// <summary>Chooses options for a server version.</summary>
    /// <param name="version">The server's release version (<see cref="ISession.GetServerVersionAsync"/>).</param>
    /// <param name="compactionWindow">Time span one SSTable should cover, e.g. one hour of traces.</param>
    /// <param name="defaultTimeToLive">Default TTL of rows, if any.</param>
    public static TableOptions For(ServerVersion version, TimeSpan compactionWindow, TimeSpan? defaultTimeToLive = null)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (compactionWindow < TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(compactionWindow), compactionWindow, "The compaction window must be at least a minute.");
        }

        var notes = new List<string>();
        int? ttl = defaultTimeToLive is { } t ? (int)Math.Ceiling(t.TotalSeconds) : null;
        string strategy, compaction;
        if (HasTimeWindow(version))
        {
            strategy = "TimeWindowCompactionStrategy";
            var (unit, size) = WindowUnit(compactionWindow);
            compaction = $"{{'class': '{strategy}', 'compaction_window_unit': '{unit}', 'compaction_window_size': '{size}'}}";
        }
        else if (HasDateTiered(version))
        {
            strategy = "DateTieredCompactionStrategy";
            int maxAgeDays = ttl is { } s ? Math.Max(1, (int)Math.Ceiling(s / 86400.0)) : 365;
            compaction = string.Create(
                CultureInfo.InvariantCulture,
                $"{{'class': '{strategy}', 'base_time_seconds': '{(long)compactionWindow.TotalSeconds}', 'max_sstable_age_days': '{maxAgeDays}'}}");
            notes.Add($"TimeWindowCompactionStrategy needs Cassandra 3.0.8/3.8; {version} gets DateTieredCompactionStrategy");
        }
        else
        {
            strategy = "SizeTieredCompactionStrategy";
            compaction = $"{{'class': '{strategy}'}}";
            notes.Add($"TimeWindowCompactionStrategy needs Cassandra 3.0.8/3.8 and DateTieredCompactionStrategy 2.0.11/2.1.1; {version} gets SizeTieredCompactionStrategy");
        }

        string compression;
        if (version.AtLeast(4, 0))
        {
            compression = "{'class': 'ZstdCompressor'}";
        }
        else
        {
            // 3.0 renamed 'sstable_compression' to 'class'; LZ4 is the fastest compressor both generations have.
            compression = version.AtLeast(3, 0) ? "{'class': 'LZ4Compressor'}" : "{'sstable_compression': 'LZ4Compressor'}";
            notes.Add($"ZstdCompressor needs Cassandra 4.0; {version} gets LZ4Compressor");
        }

        return new TableOptions(strategy, compaction, compression, ttl, string.Join("; ", notes));
    }

    /// <summary>The options as a CQL fragment for <c>CREATE TABLE ... WITH</c>.</summary>
    public string ToCql() =>
        DefaultTimeToLiveSeconds is { } ttl
            ? $"compaction = {Compaction} AND compression = {Compression} AND default_time_to_live = {ttl}"
            : $"compaction = {Compaction} AND compression = {Compression}";

    /// <inheritdoc />
    public override string ToString() => ToCql();

    private static bool HasTimeWindow(ServerVersion v) =>
        v.AtLeast(3, 8) || (v.AtLeast(3, 0, 8) && !v.AtLeast(3, 1));

    private static bool HasDateTiered(ServerVersion v) =>
        v.AtLeast(2, 1, 1) || (v.AtLeast(2, 0, 11) && !v.AtLeast(2, 1));

    private static (string Unit, long Size) WindowUnit(TimeSpan window)
    {
        if (window.Ticks % TimeSpan.TicksPerDay == 0)
        {
            return ("DAYS", window.Ticks / TimeSpan.TicksPerDay);
        }

        if (window.Ticks % TimeSpan.TicksPerHour == 0)
        {
            return ("HOURS", window.Ticks / TimeSpan.TicksPerHour);
        }

        return ("MINUTES", (long)Math.Ceiling(window.TotalMinutes));
    }
}
