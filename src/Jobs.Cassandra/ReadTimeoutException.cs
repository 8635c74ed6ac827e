namespace StreamJobs.Cassandra;

/// <summary>Replicas did not acknowledge a read in time (server error 0x1200); retried only for idempotent statements.</summary>
public sealed class ReadTimeoutException : QueryExecutionException
{
    /// <summary>Creates the exception.</summary>
    public ReadTimeoutException(string message, ConsistencyLevel consistency, int received, int blockFor)
        : base(0x1200, message)
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
