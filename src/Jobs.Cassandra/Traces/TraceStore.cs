using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Storage;
using StreamJobs.Telemetry.Zipkin;

namespace StreamJobs.Cassandra.Traces;

/// <summary>
/// Stores traces in Cassandra and reads them back (<see cref="ITraceStore"/>): <c>spans_by_trace</c> (one partition
/// per trace, one row per span with its Zipkin v2 JSON, and the keeping policy), <c>traces_by_service</c> (per service
/// and time bucket, newest first), the span and remote service names per service, and dependency links per calling
/// service and bucket. Writes are idempotent: the primary keys are the identities, so writing a trace again (a replay
/// after a crash) rewrites the same rows. Thread-safe; create one per application with <see cref="CreateAsync"/>.
/// </summary>
public sealed class TraceStore : ITraceStore
{
    private readonly ISession _session;
    private readonly TraceStoreOptions _options;
    private readonly TraceWritePlan _plan;
    private readonly QueryIndexPlan _index;
    private readonly TraceStatements _statements;
    private readonly TraceReader _reader;
    private readonly SemaphoreSlim _gate;
    private readonly OutageLog _outage;
    private ArrayBufferWriter<byte>? _spareBuffer;

    private TraceStore(ISession session, TraceStoreOptions options, TableOptions tableOptions, ILogger logger, TraceStatements statements)
    {
        _session = session;
        _options = options;
        TableOptions = tableOptions;
        _statements = statements;
        _plan = new TraceWritePlan(statements.InsertSpan, statements.InsertLookup, options);
        _index = new QueryIndexPlan(statements, options);
        _reader = new TraceReader(session, statements, options, logger);
        _gate = new SemaphoreSlim(options.MaxConcurrentWrites, options.MaxConcurrentWrites);
        _outage = new OutageLog(logger);
    }

    /// <summary>The table options the tables were created with (see <see cref="TableOptions.Note"/> for substitutions).</summary>
    public TableOptions TableOptions { get; }

    /// <summary>The keyspace holding the tables.</summary>
    public string Keyspace => _options.Keyspace;

    /// <summary>Retries made by the store's own retry loop (after the client's retries gave up), for monitoring.</summary>
    public long WriteRetries => _outage.TotalRetries;

    /// <summary>
    /// Creates the keyspace and tables if they do not exist (idempotent, safe to run from every replica at start),
    /// with options suited to the server's version, logs what had to be substituted on older servers, and prepares
    /// the statements.
    /// </summary>
    /// <param name="session">A session; its keyspace does not matter (names are qualified).</param>
    /// <param name="options">Store settings; null for the defaults. Validated here.</param>
    /// <param name="logger">Where substitutions and outages are logged.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    public static async Task<TraceStore> CreateAsync(
        ISession session, TraceStoreOptions? options = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        options ??= new TraceStoreOptions();
        options.Validate();
        logger ??= NullLogger.Instance;

        ServerVersion version = await session.GetServerVersionAsync(cancellationToken).ConfigureAwait(false);
        TableOptions table = TableOptions.For(version, options.BucketSize, options.TimeToLiveSeconds > 0 ? options.TimeToLive : null);
        if (table.IsSubstituted)
        {
            logger.LogWarning("Trace store on Cassandra {Version}: {Note}. Tables use {Compaction} and {Compression}.", version, table.Note, table.Compaction, table.Compression);
        }

        string[] creates = [TraceSchema.CreateKeyspace(options), TraceSchema.CreateSpans(options, table), TraceSchema.CreateLookup(options, table), .. TraceSchema.CreateQueryTables(options, table)];
        foreach (string cql in creates)
        {
            await session.ExecuteAsync(new SimpleStatement(cql), cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await session.ExecuteAsync(new SimpleStatement(TraceSchema.AddPolicyColumn(options)), cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidQueryException)
        {
            // The column exists: the table was created with it, or an earlier start added it.
        }

        TraceStatements statements = await TraceStatements.PrepareAsync(session, options, cancellationToken).ConfigureAwait(false);

        logger.LogInformation(
            "Trace store ready in keyspace {Keyspace} on Cassandra {Version} (TTL {Ttl} s, buckets of {Bucket})",
            options.Keyspace, version, options.TimeToLiveSeconds, options.BucketSize);
        return new TraceStore(session, options, table, logger, statements);
    }

    /// <summary>
    /// Writes traces and returns once every write was acknowledged. Failures that waiting can fix (server down, busy,
    /// timing out) are retried with backoff until they succeed or <paramref name="cancellationToken"/> fires.
    /// </summary>
    /// <exception cref="AggregateException">Some traces were rejected by the server (e.g. a value it refuses); every other trace was written.</exception>
    public async Task WriteAsync(IReadOnlyList<TraceWrite> traces, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(traces);
        var rejected = new Exception?[traces.Count];
        await WriteAsync(traces, rejected, cancellationToken).ConfigureAwait(false);
        var errors = rejected.OfType<Exception>().ToList();
        if (errors.Count > 0)
        {
            throw new AggregateException($"{errors.Count} of {traces.Count} traces were rejected by Cassandra; the others were written.", errors);
        }
    }

    /// <summary>Writes traces; <paramref name="rejected"/>[i] receives the error of trace i if the server refused it for good.</summary>
    internal async Task WriteAsync(IReadOnlyList<TraceWrite> traces, Exception?[] rejected, CancellationToken cancellationToken)
    {
        if (traces.Count == 0)
        {
            return;
        }

        var json = Interlocked.Exchange(ref _spareBuffer, null) ?? new ArrayBufferWriter<byte>(64 * 1024);
        try
        {
            List<WriteUnit> units = _plan.Build(traces, json, rejected);
            _index.Add(units, traces, rejected);
            var tasks = new Task[units.Count];
            for (int i = 0; i < units.Count; i++)
            {
                tasks[i] = RunAsync(units[i], rejected, cancellationToken);
            }

            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        finally
        {
            // Only now no statement refers to the JSON slices any more.
            json.ResetWrittenCount();
            _spareBuffer = json;
        }
    }

    /// <summary>The spans of a trace ordered by start time, with the policy that kept it; null when not stored (or expired).</summary>
    public Task<StoredTrace?> GetTraceAsync(TraceId traceId, CancellationToken cancellationToken = default) =>
        _reader.GetTraceAsync(traceId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredTrace>> FindTracesAsync(TraceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        return _reader.FindAsync(query, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetServiceNamesAsync(CancellationToken cancellationToken = default) => _reader.ServicesAsync(cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetSpanNamesAsync(string serviceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(serviceName);
        return _reader.SpanNamesAsync(serviceName, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetRemoteServiceNamesAsync(string serviceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(serviceName);
        return _reader.RemoteServicesAsync(serviceName, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DependencyLink>> GetDependenciesAsync(DateTimeOffset endTs, TimeSpan lookback, CancellationToken cancellationToken = default) =>
        _reader.DependenciesAsync(endTs, lookback, cancellationToken);

    /// <summary>
    /// Traces that touched <paramref name="service"/> and started between <paramref name="from"/> and
    /// <paramref name="to"/> (inclusive), newest first, at most <paramref name="limit"/>.
    /// </summary>
    public async Task<IReadOnlyList<TraceSummary>> FindTracesAsync(
        string service, DateTimeOffset from, DateTimeOffset to, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        service = service.ToLowerInvariant();
        if (to < from)
        {
            throw new ArgumentException($"The range ends ({to:O}) before it starts ({from:O}).", nameof(to));
        }

        long bucketTicks = _options.BucketSize.Ticks;
        long first = from.UtcTicks / bucketTicks * bucketTicks;
        var found = new List<TraceSummary>(Math.Min(limit, 1024));
        var seen = new HashSet<TraceId>();
        for (long bucket = to.UtcTicks / bucketTicks * bucketTicks; bucket >= first && found.Count < limit; bucket -= bucketTicks)
        {
            var statement = _statements.SelectLookup.Bind(service, new DateTimeOffset(bucket, TimeSpan.Zero), from, to).SetPageSize(Math.Min(limit, 5000));
            RowSet rows = await _session.ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
            await foreach (Row row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var summary = ReadSummary(service, row);
                if (seen.Add(summary.TraceId))
                {
                    found.Add(summary);
                    if (found.Count == limit)
                    {
                        break;
                    }
                }
            }
        }

        return found;
    }

    private static TraceSummary ReadSummary(string service, Row row)
    {
        string rootService = row.GetValue<string>("root_service");
        string policy = row.GetValue<string>("policy");
        return new TraceSummary(
            TraceId.Parse(row.GetValue<string>("trace_id")),
            service,
            row.GetValue<DateTimeOffset>("start"),
            TimeSpan.FromTicks(row.GetValue<long>("duration_ns") / 100),
            rootService.Length == 0 ? null : rootService,
            row.GetValue<string>("root_name"),
            row.GetValue<bool>("error"),
            row.GetValue<int>("span_count"),
            policy.Length == 0 ? null : policy);
    }

    private async Task RunAsync(WriteUnit unit, Exception?[] rejected, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        Exception? error;
        try
        {
            error = await ExecuteWithRetryAsync(unit.Statement, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        if (error is null)
        {
            return;
        }

        if (unit.Traces is null)
        {
            Interlocked.CompareExchange(ref rejected[unit.Trace], error, null);
            return;
        }

        foreach (int t in unit.Traces)
        {
            Interlocked.CompareExchange(ref rejected[t], error, null);
        }
    }

    /// <summary>Runs a statement until it succeeds (null), is refused for good (that error) or the job stops (throws).</summary>
    private async Task<Exception?> ExecuteWithRetryAsync(Statement statement, CancellationToken cancellationToken)
    {
        TimeSpan delay = _options.RetryBaseDelay;
        while (true)
        {
            try
            {
                await _session.ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
                _outage.Succeeded();
                return null;
            }
            catch (Exception e) when (WriteErrors.IsPermanent(e))
            {
                return e;
            }
            catch (Exception e) when (WriteErrors.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                _outage.Failed(e, delay);
                await Task.Delay(Jitter(delay), cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.RetryMaxDelay.Ticks));
            }
        }
    }

    // ±20 %, so writers that failed together do not all retry in the same instant.
    private static TimeSpan Jitter(TimeSpan delay) => delay * (0.8 + (0.4 * Random.Shared.NextDouble()));
}
