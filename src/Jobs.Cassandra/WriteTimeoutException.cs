namespace StreamJobs.Cassandra;

/// <summary>Replicas did not acknowledge a write in time (server error 0x1100); retried only for idempotent statements.</summary>
public sealed class WriteTimeoutException : QueryExecutionException
{
    /// <summary>Creates the exception.</summary>
    public WriteTimeoutException(string message, ConsistencyLevel consistency, int received, int blockFor)
        : base(0x1100, message)
    {
        Consistency = consistency;
        Received = received;
        BlockFor = blockFor;
    }

    /// <summary>The consistency level asked for.</summary>
    public ConsistencyLevel Consistency { get; }

    /// <summary>Replicas that acknowledged.</summary>
    public int Received { get; }

    /// <summary>Replicas that had to acknowledge.</summary>
    public int BlockFor { get; }
}
