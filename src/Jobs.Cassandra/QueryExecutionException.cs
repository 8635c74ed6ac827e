namespace StreamJobs.Cassandra;

/// <summary>The server answered a request with an error; <see cref="ErrorCode"/> is the protocol error code.</summary>
public class QueryExecutionException : DriverException
{
    /// <summary>Creates the exception.</summary>
    public QueryExecutionException(int errorCode, string message)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    /// <summary>The protocol error code (for example 0x2000 for a syntax error).</summary>
    public int ErrorCode { get; }
}
