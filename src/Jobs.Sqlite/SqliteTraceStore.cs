using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Storage;

namespace StreamJobs.Sqlite;

/// <summary>
/// The embedded trace store: one SQLite file in WAL mode, so searches read while batches are written. Each
/// <see cref="WriteAsync"/> is one transaction; writes are idempotent (the primary keys are the identities), and
/// retention (<see cref="SqliteTraceStoreOptions.MaxAge"/>, <see cref="SqliteTraceStoreOptions.MaxBytes"/>) runs
/// between writes. Thread-safe; open one per file with <see cref="Open"/> and dispose it at the end.
/// </summary>
public sealed class SqliteTraceStore : ITraceStore, IDisposable
{
    private readonly SqliteTraceStoreOptions _options;
    private readonly SqliteConnection _connection;
    private readonly SqliteTraceWriter _writer;
    private readonly SqliteTraceReader _reader;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private DateTimeOffset _nextRetention;
    private bool _disposed;

    private SqliteTraceStore(SqliteTraceStoreOptions options, SqliteConnection connection, string connectionString, ILogger logger, TimeProvider time)
    {
        _options = options;
        _connection = connection;
        _logger = logger;
        _time = time;
        _writer = new SqliteTraceWriter(connection);
        _reader = new SqliteTraceReader(connectionString, options.MaxScannedTraces, logger);
        _nextRetention = time.GetUtcNow();
    }

    /// <summary>The database file.</summary>
    public string Path => _options.Path;

    /// <summary>Opens (creating if needed) the store's file and tables.</summary>
    /// <param name="options">Settings; null for the defaults. Validated here.</param>
    /// <param name="logger">Where retention and unreadable rows are logged.</param>
    /// <param name="time">The clock of the age bound; null for the system clock.</param>
    public static SqliteTraceStore Open(SqliteTraceStoreOptions? options = null, ILogger? logger = null, TimeProvider? time = null)
    {
        options ??= new SqliteTraceStoreOptions();
        options.Validate();
        string? folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(options.Path));
        if (folder is not null) Directory.CreateDirectory(folder);
        string connectionString = new SqliteConnectionStringBuilder { DataSource = options.Path, Pooling = true }.ToString();
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, SqliteSchema.Pragmas);
        Execute(connection, SqliteSchema.Tables);
        if (!HasOlderSpansLayout(connection)) Execute(connection, SqliteSchema.SpansIndex);
        // A crash may lose the last batches since a checkpoint, never corrupt the file; the sink replays them.
        Execute(connection, "PRAGMA synchronous = NORMAL");
        return new SqliteTraceStore(options, connection, connectionString, logger ?? NullLogger.Instance, time ?? TimeProvider.System);
    }

    /// <inheritdoc />
    public async Task WriteAsync(IReadOnlyList<TraceWrite> traces, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(traces);
        if (traces.Count == 0) return;
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await Task.Run(() => WriteAndPrune(traces), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public Task<StoredTrace?> GetTraceAsync(TraceId traceId, CancellationToken cancellationToken = default) =>
        Task.Run(() => _reader.GetTrace(traceId), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredTrace>> FindTracesAsync(TraceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        return Task.Run(() => _reader.Find(query), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetServiceNamesAsync(CancellationToken cancellationToken = default) =>
        Task.Run(() => _reader.Strings("SELECT DISTINCT service FROM span_names ORDER BY service"), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetSpanNamesAsync(string serviceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(serviceName);
        return Task.Run(() => _reader.Strings("SELECT name FROM span_names WHERE service = $service AND name <> '' ORDER BY name", serviceName), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetRemoteServiceNamesAsync(string serviceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(serviceName);
        return Task.Run(() => _reader.Strings("SELECT remote_service FROM remote_services WHERE service = $service ORDER BY remote_service", serviceName), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DependencyLink>> GetDependenciesAsync(DateTimeOffset endTs, TimeSpan lookback, CancellationToken cancellationToken = default) =>
        Task.Run(() => _reader.Dependencies(endTs, lookback), cancellationToken);

    /// <summary>Applies the retention bounds now; returns how many traces were deleted.</summary>
    public async Task<int> ApplyRetentionAsync(CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return SqliteRetention.Apply(_connection, _options, _time.GetUtcNow());
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Closes the writing connection (checkpointing the WAL into the file).</summary>
    public void Dispose()
    {
        _writeGate.Wait();
        try
        {
            if (_disposed) return;
            _disposed = true;
            _writer.Dispose();
            _connection.Dispose();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private void WriteAndPrune(IReadOnlyList<TraceWrite> traces)
    {
        _writer.Write(traces);
        DateTimeOffset now = _time.GetUtcNow();
        if (now < _nextRetention) return;
        _nextRetention = now + _options.RetentionInterval;
        int deleted = SqliteRetention.Apply(_connection, _options, now);
        if (deleted > 0) _logger.LogInformation("Trace store {Path}: retention deleted {Count} traces", _options.Path, deleted);
    }

    private static bool HasOlderSpansLayout(SqliteConnection connection)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = SqliteSchema.SpansWithoutRowid;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
