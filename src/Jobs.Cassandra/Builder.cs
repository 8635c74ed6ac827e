using System.Net;
using StreamJobs.Cassandra.Connections;

namespace StreamJobs.Cassandra;

/// <summary>Configures a <see cref="Cluster"/>; start with <see cref="Cluster.Builder"/>.</summary>
public sealed class Builder
{
    private readonly List<string> _contactPoints = [];
    private int _port = 9042;
    private ClusterOptions _options = new() { ContactPoints = [] };

    internal Builder()
    {
    }

    /// <summary>Adds a node address (IP or host name; port from <see cref="WithPort"/>) to connect to.</summary>
    public Builder AddContactPoint(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        _contactPoints.Add(address);
        return this;
    }

    /// <summary>Adds several node addresses.</summary>
    public Builder AddContactPoints(params string[] addresses)
    {
        foreach (var a in addresses)
        {
            AddContactPoint(a);
        }

        return this;
    }

    /// <summary>The CQL port of every contact point (default 9042).</summary>
    public Builder WithPort(int port)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        _port = port;
        return this;
    }

    /// <summary>The keyspace sessions switch to when connecting without one.</summary>
    public Builder WithDefaultKeyspace(string keyspace) => With(_options with { DefaultKeyspace = keyspace });

    /// <summary>The highest protocol version to try (default v4; v3 is used when the server refuses it).</summary>
    public Builder WithMaxProtocolVersion(ProtocolVersion version) => With(_options with { MaxProtocolVersion = version });

    /// <summary>Default consistency (default <see cref="ConsistencyLevel.LocalOne"/>).</summary>
    public Builder WithConsistencyLevel(ConsistencyLevel consistency) => With(_options with { Consistency = consistency });

    /// <summary>Default rows per page (default 5000).</summary>
    public Builder WithPageSize(int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return With(_options with { PageSize = pageSize });
    }

    /// <summary>Connections per node (default 2) and concurrent requests per connection (default 2048, at most 32768).</summary>
    public Builder WithPooling(int connectionsPerHost, int maxRequestsPerConnection = 2048)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(connectionsPerHost, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRequestsPerConnection, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxRequestsPerConnection, 32768);
        return With(_options with { ConnectionsPerHost = connectionsPerHost, MaxRequestsPerConnection = maxRequestsPerConnection });
    }

    /// <summary>How long to wait for a TCP connect plus STARTUP (default 5 s).</summary>
    public Builder WithConnectTimeout(TimeSpan timeout) => With(_options with { ConnectTimeout = Positive(timeout) });

    /// <summary>How long to wait for each response (default 12 s).</summary>
    public Builder WithRequestTimeout(TimeSpan timeout) => With(_options with { RequestTimeout = Positive(timeout) });

    /// <summary>Retries of retryable failures (default 8, about 9 s in all) with exponential backoff from <paramref name="baseDelay"/> (100 ms) up to <paramref name="maxDelay"/> (2 s).</summary>
    public Builder WithRetries(int maxRetries, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);
        return With(_options with
        {
            MaxRetries = maxRetries,
            RetryBaseDelay = baseDelay ?? _options.RetryBaseDelay,
            RetryMaxDelay = maxDelay ?? _options.RetryMaxDelay,
        });
    }

    /// <summary>Whether statements that do not say otherwise are idempotent (default false).</summary>
    public Builder WithDefaultIdempotence(bool idempotent) => With(_options with { DefaultIdempotence = idempotent });

    /// <summary>Builds the cluster; no connection is opened until <see cref="Cluster.ConnectAsync(string?, CancellationToken)"/>.</summary>
    /// <exception cref="ArgumentException">No contact point, or one that is not an address and does not resolve.</exception>
    public Cluster Build()
    {
        if (_contactPoints.Count == 0)
        {
            throw new ArgumentException("Add at least one contact point (AddContactPoint).");
        }

        var endpoints = new List<IPEndPoint>();
        foreach (var host in _contactPoints)
        {
            if (IPAddress.TryParse(host, out var ip))
            {
                endpoints.Add(new IPEndPoint(ip, _port));
                continue;
            }

            try
            {
                endpoints.AddRange(Dns.GetHostAddresses(host).Select(a => new IPEndPoint(a, _port)));
            }
            catch (System.Net.Sockets.SocketException e)
            {
                throw new ArgumentException($"Contact point '{host}' does not resolve: {e.Message}", e);
            }
        }

        return new Cluster(_options with { ContactPoints = endpoints.Distinct().ToArray() });
    }

    private static TimeSpan Positive(TimeSpan t) =>
        t > TimeSpan.Zero ? t : throw new ArgumentOutOfRangeException(nameof(t), t, "Must be positive.");

    private Builder With(ClusterOptions options)
    {
        _options = options;
        return this;
    }
}
