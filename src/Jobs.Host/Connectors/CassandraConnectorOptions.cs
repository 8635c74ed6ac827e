namespace StreamJobs.Host.Connectors;

/// <summary>Where the <c>trace-store</c> job writes sampled traces (<c>StreamJobs:Cassandra</c>).</summary>
internal sealed class CassandraConnectorOptions
{
    public const string Section = "StreamJobs:Cassandra";

    /// <summary>Store <c>sampled-traces</c> in Cassandra.</summary>
    public bool Enabled { get; set; }

    /// <summary>Nodes to connect to, <c>host</c> or <c>host:port</c> (all on one port).</summary>
    public List<string> ContactPoints { get; set; } = [];

    /// <summary>The keyspace of the trace tables (created if missing).</summary>
    public string Keyspace { get; set; } = "streamjobs";

    /// <summary>How long rows live; zero or empty for forever.</summary>
    public TimeSpan? TimeToLive { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long the first connection may take before the start fails.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public static CassandraConnectorOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<CassandraConnectorOptions>() ?? new CassandraConnectorOptions();
        if (options.ContactPoints.Count == 0) options.ContactPoints.Add("127.0.0.1:9042");
        return options;
    }
}
