namespace StreamJobs.Cassandra.Protocol;

/// <summary>The server does not know a prepared id (it restarted, or this connection is new); the session re-prepares and retries.</summary>
internal sealed class UnpreparedException(string message, byte[] id) : QueryExecutionException(0x2500, message)
{
    public byte[] Id { get; } = id;
}
