namespace StreamJobs.Cassandra.Tests.Support;

/// <summary>One cluster, session and keyspace shared by the integration tests of the "Cassandra server" collection.</summary>
public sealed class CassandraFixture : IAsyncLifetime
{
    public const string Keyspace = "streamjobs_tests";

    private Cluster? _cluster;
    private ISession? _session;

    public Cluster Cluster => _cluster ?? throw new InvalidOperationException("Not initialized.");

    public ISession Session => _session ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        CassandraEndpoint.EnsureReachable();
        _cluster = CassandraEndpoint.NewBuilder().Build();
        var setup = await _cluster.ConnectAsync();
        await setup.ExecuteAsync(
            $"CREATE KEYSPACE IF NOT EXISTS {Keyspace} WITH replication = {{'class': 'SimpleStrategy', 'replication_factor': 1}}");
        await setup.ShutdownAsync();
        _session = await _cluster.ConnectAsync(Keyspace);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.ShutdownAsync();
        }
    }

    /// <summary>A table name unique to one test, so tests never see each other's rows.</summary>
    public static string UniqueTable(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(48, prefix.Length + 33)];
}
