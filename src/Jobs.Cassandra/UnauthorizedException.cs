namespace StreamJobs.Cassandra;

/// <summary>The logged-in user may not run the statement (server error 0x2100).</summary>
public sealed class UnauthorizedException : QueryExecutionException
{
    /// <summary>Creates the exception.</summary>
    public UnauthorizedException(int errorCode, string message)
        : base(errorCode, message)
    {
    }
}
