namespace StreamJobs.Cassandra;

/// <summary>The coordinator is overloaded (server error 0x1001); retried with backoff.</summary>
public sealed class OverloadedException : QueryExecutionException
{
    /// <summary>Creates the exception.</summary>
    public OverloadedException(int errorCode, string message)
        : base(errorCode, message)
    {
    }
}
