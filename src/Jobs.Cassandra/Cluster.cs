using StreamJobs.Cassandra.Connections;

namespace StreamJobs.Cassandra;

/// <summary>
/// Entry point, shaped like the DataStax driver's: <c>Cluster.Builder().AddContactPoint("127.0.0.1").Build()</c>,
/// then <see cref="ConnectAsync(string?, CancellationToken)"/> for a session.
/// </summary>
public sealed class Cluster : IAsyncDisposable, IDisposable
{
    private readonly List<ISession> _sessions = [];
    private readonly Lock _lock = new();

    internal Cluster(ClusterOptions options)
    {
        Options = options;
    }

    internal ClusterOptions Options { get; }

    /// <summary>Starts configuring a cluster.</summary>
    public static Builder Builder() => new();

    /// <summary>Connects a session to the default keyspace (if one was configured).</summary>
    public Task<ISession> ConnectAsync() => ConnectAsync(null, CancellationToken.None);

    /// <summary>Connects a session, switching to <paramref name="keyspace"/> (or the default keyspace when null).</summary>
    /// <exception cref="NoHostAvailableException">No contact point answered.</exception>
    public async Task<ISession> ConnectAsync(string? keyspace, CancellationToken cancellationToken = default)
    {
        var session = await CqlSession.ConnectAsync(Options, keyspace ?? Options.DefaultKeyspace, cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            _sessions.Add(session);
        }

        return session;
    }

    /// <summary>Shuts down every session this cluster connected; idempotent.</summary>
    public async Task ShutdownAsync()
    {
        ISession[] sessions;
        lock (_lock)
        {
            sessions = [.. _sessions];
            _sessions.Clear();
        }

        foreach (var s in sessions)
        {
            await s.ShutdownAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(ShutdownAsync());

    /// <inheritdoc />
    public void Dispose() => ShutdownAsync().GetAwaiter().GetResult();
}
