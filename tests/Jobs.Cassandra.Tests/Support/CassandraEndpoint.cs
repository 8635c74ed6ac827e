using System.Net.Sockets;

namespace StreamJobs.Cassandra.Tests.Support;

/// <summary>Where the test Cassandra listens (STREAMJOBS_CASSANDRA, default 127.0.0.1:9042); fails loudly when it is down.</summary>
internal static class CassandraEndpoint
{
    public static string Address => Environment.GetEnvironmentVariable("STREAMJOBS_CASSANDRA") is { Length: > 0 } v ? v : "127.0.0.1:9042";

    public static string Host => Address[..Address.LastIndexOf(':')];

    public static int Port => int.Parse(Address[(Address.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Throws (failing the test, never skipping it) unless the CQL port accepts a connection.</summary>
    public static void EnsureReachable()
    {
        try
        {
            using var client = new TcpClient();
            if (!client.ConnectAsync(Host, Port).Wait(TimeSpan.FromSeconds(5)))
            {
                throw new TimeoutException("connect timed out");
            }
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"Cassandra is not reachable at {Address} ({e.GetBaseException().Message}); start it with scripts/test.sh or scripts/start-cassandra.sh", e);
        }
    }

    /// <summary>A builder pointed at the test server, with short timeouts so failures show quickly.</summary>
    public static Builder NewBuilder() => Cluster.Builder()
        .AddContactPoint(Host)
        .WithPort(Port)
        .WithConnectTimeout(TimeSpan.FromSeconds(5))
        .WithRequestTimeout(TimeSpan.FromSeconds(20));
}
