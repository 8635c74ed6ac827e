using StreamJobs.Sqlite;

namespace StreamJobs.Host.Query;

/// <summary>
/// The embedded trace store (<c>StreamJobs:TraceStore</c>): kept traces go to a SQLite file unless Cassandra stores
/// them, and the query API reads whichever store is on.
/// </summary>
internal sealed class TraceStoreSettings
{
    public const string Section = "StreamJobs:TraceStore";

    /// <summary>Store kept traces in the embedded SQLite file (when Cassandra is off).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The file; default <c>traces.db</c> in <c>StreamJobs:Demo:DataDirectory</c>.</summary>
    public string? Path { get; set; }

    /// <summary>Traces older than this are deleted.</summary>
    public TimeSpan? MaxAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The most the stored data may take before the oldest traces go.</summary>
    public long MaxBytes { get; set; } = 1L << 30;

    public static TraceStoreSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<TraceStoreSettings>() ?? new TraceStoreSettings();

    public SqliteTraceStoreOptions ToOptions(IConfiguration configuration) => new()
    {
        Path = Path ?? System.IO.Path.Combine(configuration["StreamJobs:Demo:DataDirectory"] ?? "data", "traces.db"),
        MaxAge = MaxAge is { } age && age > TimeSpan.Zero ? age : null,
        MaxBytes = MaxBytes,
    };
}
