namespace StreamJobs.Cassandra;

/// <summary>The server did not answer a request within the configured request timeout.</summary>
public sealed class OperationTimedOutException : DriverException
{
    /// <summary>Creates the exception.</summary>
    public OperationTimedOutException(string message)
        : base(message)
    {
    }
}
