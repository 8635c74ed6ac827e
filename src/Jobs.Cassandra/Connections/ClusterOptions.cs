using System.Net;

namespace StreamJobs.Cassandra.Connections;

/// <summary>Settings collected by <see cref="Builder"/>, read-only once the cluster is built.</summary>
internal sealed record ClusterOptions
{
    public required IReadOnlyList<IPEndPoint> ContactPoints { get; init; }

    public string? DefaultKeyspace { get; init; }

    public ProtocolVersion MaxProtocolVersion { get; init; } = ProtocolVersion.V4;

    public ConsistencyLevel Consistency { get; init; } = ConsistencyLevel.LocalOne;

    public int PageSize { get; init; } = 5000;

    public int ConnectionsPerHost { get; init; } = 2;

    public int MaxRequestsPerConnection { get; init; } = 2048;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(12);

    public bool DefaultIdempotence { get; init; }

    public int MaxRetries { get; init; } = 8;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(2);
}
