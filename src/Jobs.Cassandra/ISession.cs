namespace StreamJobs.Cassandra;

/// <summary>
/// Executes statements against the cluster over pooled, multiplexed connections; thread-safe and meant to be
/// shared by the whole application (create one per keyspace, not one per request).
/// </summary>
public interface ISession : IAsyncDisposable, IDisposable
{
    /// <summary>The keyspace unqualified table names refer to, or null.</summary>
    string? Keyspace { get; }

    /// <summary>The protocol version negotiated with the cluster.</summary>
    ProtocolVersion ProtocolVersion { get; }

    /// <summary>Runs a statement; retries retryable failures with backoff, then throws a <see cref="DriverException"/>.</summary>
    Task<RowSet> ExecuteAsync(Statement statement, CancellationToken cancellationToken = default);

    /// <summary>Runs a CQL string with the default options.</summary>
    Task<RowSet> ExecuteAsync(string cql, CancellationToken cancellationToken = default);

    /// <summary>Prepares a statement on the server (and again, transparently, on nodes that lost it).</summary>
    Task<PreparedStatement> PrepareAsync(string cql, CancellationToken cancellationToken = default);

    /// <summary>The Cassandra release of the node answering, from <c>system.local</c>.</summary>
    Task<ServerVersion> GetServerVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>Closes every connection; idempotent.</summary>
    Task ShutdownAsync();
}
