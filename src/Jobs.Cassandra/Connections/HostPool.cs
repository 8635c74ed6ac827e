using System.Net;
using StreamJobs.Cassandra.Protocol;

namespace StreamJobs.Cassandra.Connections;

/// <summary>
/// A few connections to one node. Requests go to the least-loaded open connection; closed ones are reopened on
/// demand, at most one attempt at a time and with a growing pause after failures so a down node is not hammered.
/// </summary>
internal sealed class HostPool : IAsyncDisposable
{
    private readonly ClusterOptions _options;
    private readonly CqlConnection?[] _connections;
    private readonly SemaphoreSlim _openLock = new(1, 1);
    private long _nextAttemptTicks;
    private int _failures;
    private bool _disposed;

    public HostPool(IPEndPoint endpoint, ClusterOptions options)
    {
        Endpoint = endpoint;
        _options = options;
        _connections = new CqlConnection?[Math.Max(1, options.ConnectionsPerHost)];
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>Open connections right now.</summary>
    public int OpenCount => _connections.Count(c => c is { IsOpen: true });

    /// <summary>The least-loaded open connection, opening connections first when the pool is short.</summary>
    public async ValueTask<CqlConnection> GetConnectionAsync(ProtocolVersion version, CancellationToken cancellationToken)
    {
        var best = LeastLoaded();
        if (best is not null && OpenCount == _connections.Length)
        {
            return best;
        }

        if (best is not null)
        {
            _ = TopUpAsync(version); // this request need not wait for the missing connections
            return best;
        }

        await FillAsync(version, cancellationToken).ConfigureAwait(false);
        return LeastLoaded() ?? throw new ConnectionException($"No connection to {Endpoint} could be opened.", requestSent: false);
    }

    /// <summary>Opens every missing connection (one attempt each); the first failure is rethrown.</summary>
    public async Task FillAsync(ProtocolVersion version, CancellationToken cancellationToken)
    {
        if (InPause())
        {
            return;
        }

        await _openLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Callers queued behind a failed attempt must not each try again.
            if (InPause())
            {
                return;
            }

            for (int i = 0; i < _connections.Length && !_disposed; i++)
            {
                if (_connections[i] is { IsOpen: true })
                {
                    continue;
                }

                try
                {
                    _connections[i] = await CqlConnection.OpenAsync(
                        Endpoint, version, _options.MaxRequestsPerConnection, _options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
                    _failures = 0;
                }
                catch (ConnectionException)
                {
                    int failures = ++_failures;
                    long pause = Math.Min(2000, 50L << Math.Min(failures, 6));
                    Interlocked.Exchange(ref _nextAttemptTicks, Environment.TickCount64 + pause);
                    if (LeastLoaded() is null)
                    {
                        throw;
                    }

                    return;
                }
            }
        }
        finally
        {
            _openLock.Release();
        }
    }

    private async Task TopUpAsync(ProtocolVersion version)
    {
        if (_openLock.CurrentCount == 0)
        {
            return; // someone is already opening connections
        }

        try
        {
            await FillAsync(version, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DriverException)
        {
            // The pause after a failure is already recorded; a later request tries again.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var c in _connections)
        {
            if (c is not null)
            {
                await c.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Whether the pause after a failed connect is still running; throws when there is no open connection either.</summary>
    private bool InPause()
    {
        if (Environment.TickCount64 >= Interlocked.Read(ref _nextAttemptTicks))
        {
            return false;
        }

        return LeastLoaded() is not null
            ? true
            : throw new ConnectionException($"{Endpoint} is down ({_failures} failed connect attempt(s) in a row; retrying shortly).", requestSent: false);
    }

    private CqlConnection? LeastLoaded()
    {
        CqlConnection? best = null;
        foreach (var c in _connections)
        {
            if (c is { IsOpen: true } && (best is null || c.InFlight < best.InFlight))
            {
                best = c;
            }
        }

        return best;
    }
}
