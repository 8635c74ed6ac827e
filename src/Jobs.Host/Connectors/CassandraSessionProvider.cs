using StreamJobs.Cassandra;
using StreamJobs.Cassandra.Traces;
using StreamJobs.Jobs;
using ISession = StreamJobs.Cassandra.ISession;

namespace StreamJobs.Host.Connectors;

/// <summary>
/// Owns the host's one Cassandra cluster and session. The session is connected when the first job asks for it (at
/// start), retrying for <see cref="CassandraConnectorOptions.ConnectTimeout"/>, so a server that is still booting does
/// not fail the start but a wrong address does, with the address in the message. Outages after that are the sink's
/// business (it retries and backpressures).
/// </summary>
internal sealed class CassandraSessionProvider(CassandraConnectorOptions options, ILogger<CassandraSessionProvider> logger) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private Cluster? _cluster;
    private ISession? _session;

    public CassandraConnectorOptions Options => options;

    public TraceStoreOptions StoreOptions => new()
    {
        Keyspace = options.Keyspace,
        TimeToLive = options.TimeToLive is { } ttl && ttl > TimeSpan.Zero ? ttl : null,
    };

    public ISession Session
    {
        get
        {
            lock (_lock)
            {
                return _session ??= Connect();
            }
        }
    }

    private ISession Connect()
    {
        var builder = Cluster.Builder();
        var port = 9042;
        foreach (var point in options.ContactPoints)
        {
            var colon = point.LastIndexOf(':');
            if (colon > 0 && int.TryParse(point.AsSpan(colon + 1), out var p)) (port, builder) = (p, builder.AddContactPoint(point[..colon]));
            else builder.AddContactPoint(point);
        }
        _cluster = builder.WithPort(port).Build();
        var deadline = DateTime.UtcNow + options.ConnectTimeout;
        while (true)
        {
            try
            {
                return _cluster.ConnectAsync(null, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (NoHostAvailableException error) when (DateTime.UtcNow < deadline)
            {
                logger.LogWarning("Cassandra at {ContactPoints} not reachable yet ({Error}); retrying.", string.Join(",", options.ContactPoints), error.Message);
                Thread.Sleep(TimeSpan.FromSeconds(1));
            }
            catch (NoHostAvailableException error)
            {
                throw new JobConfigurationException([
                    $"Cassandra is not reachable at {string.Join(",", options.ContactPoints)} ({CassandraConnectorOptions.Section}:ContactPoints) after {options.ConnectTimeout}: {error.Message}. Start it (scripts/start-cassandra.sh) or fix the address."]);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null) await _cluster.ShutdownAsync();
    }
}
