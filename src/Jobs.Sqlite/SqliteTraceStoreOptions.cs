namespace StreamJobs.Sqlite;

/// <summary>Where the embedded trace store keeps its file and how much it keeps.</summary>
public sealed class SqliteTraceStoreOptions
{
    /// <summary>The database file (its folder is created); <c>-wal</c> and <c>-shm</c> files sit beside it.</summary>
    public string Path { get; set; } = System.IO.Path.Combine("data", "traces.db");

    /// <summary>Traces whose timestamp is older than this are deleted; null keeps them until <see cref="MaxBytes"/>.</summary>
    public TimeSpan? MaxAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The most the stored data may take (pages in use, without the WAL): beyond it the oldest traces are deleted
    /// until the data takes 90 % of it, and the file shrinks.
    /// </summary>
    public long MaxBytes { get; set; } = 1L << 30;

    /// <summary>How often the retention bounds are applied (after a write, at most this often).</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A search whose conditions the index cannot answer alone (tags, annotations) tests at most this many candidate
    /// traces, newest first, then returns what it found.
    /// </summary>
    public int MaxScannedTraces { get; set; } = 10_000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path)) throw new ArgumentException("Path must name the database file.", nameof(Path));
        if (MaxAge is { } age && age <= TimeSpan.Zero) throw new ArgumentException($"MaxAge {age} must be positive (or unset).", nameof(MaxAge));
        if (MaxBytes < 1L << 20) throw new ArgumentException($"MaxBytes {MaxBytes} must be at least 1 MiB.", nameof(MaxBytes));
        if (RetentionInterval <= TimeSpan.Zero) throw new ArgumentException($"RetentionInterval {RetentionInterval} must be positive.", nameof(RetentionInterval));
        if (MaxScannedTraces < 1) throw new ArgumentException($"MaxScannedTraces {MaxScannedTraces} must be at least 1.", nameof(MaxScannedTraces));
    }
}
