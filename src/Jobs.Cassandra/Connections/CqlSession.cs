using System.Collections.Concurrent;
using StreamJobs.Cassandra.Protocol;

namespace StreamJobs.Cassandra.Connections;

/// <summary>
/// <see cref="ISession"/> over one <see cref="HostPool"/> per contact point: picks a connection, sends, retries
/// retryable failures with backoff, re-prepares statements a node forgot, and turns results into row sets.
/// </summary>
internal sealed class CqlSession : ISession
{
    private readonly ClusterOptions _options;
    private readonly HostPool[] _pools;
    private readonly ConcurrentDictionary<string, PreparedStatement> _prepared = new(StringComparer.Ordinal);
    private volatile string? _keyspace;
    private int _nextHost;
    private int _shutdown;

    private CqlSession(ClusterOptions options)
    {
        _options = options;
        _pools = options.ContactPoints.Select(ep => new HostPool(ep, options)).ToArray();
    }

    public string? Keyspace => _keyspace;

    public ProtocolVersion ProtocolVersion { get; private set; }

    /// <summary>Opens the pools, negotiating the protocol version (v4, else v3), then switches to the keyspace.</summary>
    public static async Task<CqlSession> ConnectAsync(ClusterOptions options, string? keyspace, CancellationToken cancellationToken)
    {
        var session = new CqlSession(options);
        try
        {
            await session.NegotiateAsync(cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(keyspace))
            {
                await session.ExecuteAsync(new SimpleStatement($"USE {keyspace}"), cancellationToken).ConfigureAwait(false);
            }

            return session;
        }
        catch
        {
            await session.ShutdownAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<RowSet> ExecuteAsync(string cql, CancellationToken cancellationToken = default) =>
        ExecuteAsync(new SimpleStatement(cql), cancellationToken);

    public async Task<RowSet> ExecuteAsync(Statement statement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var options = new RequestOptions(
            ProtocolVersion,
            statement.ConsistencyLevel ?? _options.Consistency,
            statement.PageSize > 0 ? statement.PageSize : _options.PageSize,
            statement.PagingState);
        var frame = await SendWithRetryAsync(statement, null, options, null, cancellationToken).ConfigureAwait(false);
        return ToRowSet(frame, statement, options);
    }

    public async Task<PreparedStatement> PrepareAsync(string cql, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cql);
        var options = new RequestOptions(ProtocolVersion, _options.Consistency, 0, null);
        var frame = await SendWithRetryAsync(null, cql, options, true, cancellationToken).ConfigureAwait(false);
        var prepared = ReadPrepared(frame, cql);
        _prepared[Convert.ToHexString(prepared.Id)] = prepared;
        return prepared;
    }

    public async Task<ServerVersion> GetServerVersionAsync(CancellationToken cancellationToken = default)
    {
        var rows = await ExecuteAsync(new SimpleStatement("SELECT release_version FROM system.local"), cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            return ServerVersion.Parse(row.GetValue<string>("release_version"));
        }

        throw new DriverException("system.local returned no row.");
    }

    public async Task ShutdownAsync()
    {
        if (Interlocked.Exchange(ref _shutdown, 1) == 1)
        {
            return;
        }

        foreach (var pool in _pools)
        {
            await pool.DisposeAsync().ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => new(ShutdownAsync());

    public void Dispose() => ShutdownAsync().GetAwaiter().GetResult();

    private async Task NegotiateAsync(CancellationToken cancellationToken)
    {
        Exception? last = null;
        foreach (var pool in _pools)
        {
            var version = _options.MaxProtocolVersion;
            while (true)
            {
                try
                {
                    await pool.FillAsync(version, cancellationToken).ConfigureAwait(false);
                    ProtocolVersion = version;
                    return;
                }
                catch (DriverException e) when (version > ProtocolVersion.V3 &&
                    (e is ProtocolErrorException || e.Message.Contains("protocol version", StringComparison.OrdinalIgnoreCase)))
                {
                    last = e;
                    version--; // e.g. Cassandra 2.1 answers v4 with "Invalid or unsupported protocol version"
                }
                catch (DriverException e)
                {
                    last = e;
                    break;
                }
            }
        }

        throw new NoHostAvailableException(
            $"Could not connect to any of {string.Join(", ", _options.ContactPoints)}: {last?.Message}", last);
    }

    /// <summary>Sends a statement (or a PREPARE of <paramref name="prepareCql"/>) until it succeeds or may not be retried.</summary>
    private async Task<Frame> SendWithRetryAsync(
        Statement? statement, string? prepareCql, RequestOptions options, bool? idempotent, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _shutdown) == 1, this);
        bool mayRepeat = idempotent ?? statement?.IsIdempotent ?? _options.DefaultIdempotence;
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                var connection = await GetConnectionAsync(cancellationToken).ConfigureAwait(false);
                var frame = await SendAsync(connection, statement, prepareCql, options, cancellationToken).ConfigureAwait(false);
                if (frame.Opcode == Opcode.Error)
                {
                    var reader = new FrameReader(frame.Body, FrameParser.BodyStart(frame));
                    var error = ErrorDecoder.Decode(ref reader);
                    if (error is UnpreparedException unprepared)
                    {
                        await ReprepareAsync(connection, unprepared, cancellationToken).ConfigureAwait(false);
                    }

                    throw error;
                }

                return frame;
            }
            catch (DriverException e) when (attempt < _options.MaxRetries && Volatile.Read(ref _shutdown) == 0 && RetryRules.IsRetryable(e, mayRepeat))
            {
                if (e is not UnpreparedException)
                {
                    await Task.Delay(RetryRules.Delay(attempt, _options.RetryBaseDelay, _options.RetryMaxDelay), cancellationToken).ConfigureAwait(false);
                }
            }
            catch (ConnectionException e)
            {
                throw new NoHostAvailableException(
                    $"'{Describe(statement, prepareCql)}' failed after {attempt + 1} attempt(s): {e.Message}", e);
            }
        }
    }

    private async Task<Frame> SendAsync(
        CqlConnection connection, Statement? statement, string? prepareCql, RequestOptions options, CancellationToken cancellationToken, bool switchKeyspace = true)
    {
        string? keyspace = _keyspace;
        if (switchKeyspace && keyspace is not null && connection.Keyspace != keyspace)
        {
            // A connection opened (or reopened) after a USE has not switched yet.
            var use = await SendAsync(connection, new SimpleStatement($"USE \"{keyspace.Replace("\"", "\"\"", StringComparison.Ordinal)}\""), null, options with { PageSize = 0, PagingState = null }, cancellationToken, switchKeyspace: false).ConfigureAwait(false);
            FrameParser.Open(use, Opcode.Result);
            connection.Keyspace = keyspace;
        }

        var frame = new FrameWriter();
        try
        {
            frame.BeginFrame((byte)options.Version, statement?.Opcode ?? Opcode.Prepare);
            if (statement is null)
            {
                RequestEncoder.WritePrepare(frame, prepareCql!);
            }
            else
            {
                statement.WriteBody(frame, options);
            }
        }
        catch
        {
            frame.Dispose();
            throw;
        }

        return await connection.SendAsync(frame, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CqlConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        DriverException? last = null;
        int start = (int)((uint)Interlocked.Increment(ref _nextHost) % (uint)_pools.Length);
        for (int i = 0; i < _pools.Length; i++)
        {
            var pool = _pools[(start + i) % _pools.Length];
            try
            {
                return await pool.GetConnectionAsync(ProtocolVersion, cancellationToken).ConfigureAwait(false);
            }
            catch (DriverException e)
            {
                last = e;
            }
        }

        throw new ConnectionException($"No host is reachable: {last?.Message}", requestSent: false, last);
    }

    private async Task ReprepareAsync(CqlConnection connection, UnpreparedException unprepared, CancellationToken cancellationToken)
    {
        if (!_prepared.TryGetValue(Convert.ToHexString(unprepared.Id), out var prepared))
        {
            throw new InvalidQueryException(0x2500, $"The server lost a prepared statement this session never prepared: {unprepared.Message}");
        }

        var options = new RequestOptions(ProtocolVersion, _options.Consistency, 0, null);
        var frame = await SendAsync(connection, null, prepared.Cql, options, cancellationToken).ConfigureAwait(false);
        ReadPrepared(frame, prepared.Cql);
    }

    private PreparedStatement ReadPrepared(in Frame frame, string cql)
    {
        var r = FrameParser.Open(frame, Opcode.Result);
        var kind = (ResultKind)r.ReadInt();
        if (kind != ResultKind.Prepared)
        {
            throw new CqlProtocolViolationException($"PREPARE answered with a {kind} result.");
        }

        byte[] id = r.ReadShortBytes().ToArray();
        var variables = RowsMetadata.Read(ref r, ProtocolVersion, preparedVariables: true);
        return new PreparedStatement(id, cql, variables, _keyspace);
    }

    private RowSet ToRowSet(in Frame frame, Statement statement, RequestOptions options)
    {
        var r = FrameParser.Open(frame, Opcode.Result);
        var kind = (ResultKind)r.ReadInt();
        switch (kind)
        {
            case ResultKind.Rows:
                var page = RowsPage.Read(ref r, frame.Body, options.Version);
                return page.Metadata.PagingState is null
                    ? new RowSet(page, null)
                    : new RowSet(page, PageFetcher(statement, options));
            case ResultKind.SetKeyspace:
                _keyspace = r.ReadString();
                return new RowSet(RowsPage.Empty, null);
            default:
                return new RowSet(RowsPage.Empty, null);
        }
    }

    // A separate method so the closure is only allocated for results that have further pages.
    private Func<byte[], CancellationToken, Task<RowsPage>> PageFetcher(Statement statement, RequestOptions options) =>
        (state, ct) => FetchPageAsync(statement, options with { PagingState = state }, ct);

    private async Task<RowsPage> FetchPageAsync(Statement statement, RequestOptions options, CancellationToken cancellationToken)
    {
        // Only reads have paging states, and reads are safe to repeat.
        var frame = await SendWithRetryAsync(statement, null, options, true, cancellationToken).ConfigureAwait(false);
        var r = FrameParser.Open(frame, Opcode.Result);
        var kind = (ResultKind)r.ReadInt();
        return kind == ResultKind.Rows
            ? RowsPage.Read(ref r, frame.Body, options.Version)
            : throw new CqlProtocolViolationException($"A page fetch answered with a {kind} result.");
    }

    private static string Describe(Statement? statement, string? prepareCql) =>
        statement?.Describe() ?? $"PREPARE {prepareCql}";
}
