namespace StreamJobs.Cassandra;

/// <summary>The server rejected a frame (server error 0x000A).</summary>
public sealed class ProtocolErrorException : QueryExecutionException
{
    /// <summary>Creates the exception.</summary>
    public ProtocolErrorException(int errorCode, string message)
        : base(errorCode, message)
    {
    }
}
