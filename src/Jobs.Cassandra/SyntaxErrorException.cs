namespace StreamJobs.Cassandra;

/// <summary>The statement is not valid CQL (server error 0x2000).</summary>
public sealed class SyntaxErrorException : QueryExecutionException
{
    /// <summary>Creates the exception.</summary>
    public SyntaxErrorException(int errorCode, string message)
        : base(errorCode, message)
    {
    }
}
