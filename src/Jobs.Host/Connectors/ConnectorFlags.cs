namespace StreamJobs.Host.Connectors;

/// <summary>
/// The short command-line switches for the real servers: <c>--kafka</c> and <c>--cassandra</c> stand for
/// <c>--StreamJobs:Kafka:Enabled=true</c> and <c>--StreamJobs:Cassandra:Enabled=true</c>, so they land in configuration
/// like any other setting (and can be set in appsettings.json or the environment instead).
/// </summary>
internal static class ConnectorFlags
{
    public static string[] Expand(string[] args) => Array.ConvertAll(args, static arg => arg switch
    {
        "--kafka" => $"--{KafkaConnectorOptions.Section}:{nameof(KafkaConnectorOptions.Enabled)}=true",
        "--cassandra" => $"--{CassandraConnectorOptions.Section}:{nameof(CassandraConnectorOptions.Enabled)}=true",
        _ => arg,
    });
}
