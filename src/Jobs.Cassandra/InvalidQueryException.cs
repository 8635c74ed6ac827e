namespace StreamJobs.Cassandra;

/// <summary>The statement is syntactically valid but invalid, e.g. an unknown table or a bad value (server errors 0x2200, 0x2300).</summary>
public class InvalidQueryException : QueryExecutionException
{
    /// <summary>Creates the exception.</summary>
    public InvalidQueryException(int errorCode, string message)
        : base(errorCode, message)
    {
    }
}
