namespace StreamJobs.Cassandra;

/// <summary>Not enough replicas were alive to reach the consistency level (server error 0x1000); retried with backoff.</summary>
public sealed class UnavailableException : QueryExecutionException
{
    /// <summary>Creates the exception.</summary>
    public UnavailableException(string message, ConsistencyLevel consistency, int required, int alive)
        : base(0x1000, message)
    {
        Consistency = consistency;
        Required = required;
        Alive = alive;
    }

    /// <summary>The consistency level asked for.</summary>
    public ConsistencyLevel Consistency { get; }

    /// <summary>Replicas that had to answer.</summary>
    public int Required { get; }

    /// <summary>Replicas known alive.</summary>
    public int Alive { get; }
}
