namespace StreamJobs.Cassandra;

/// <summary>The server failed internally, is bootstrapping or could not truncate (server errors 0x0000, 0x1002, 0x1003, and failures 0x1300-0x1500).</summary>
public sealed class ServerErrorException : QueryExecutionException
{
    /// <summary>Creates the exception.</summary>
    public ServerErrorException(int errorCode, string message)
        : base(errorCode, message)
    {
    }
}
