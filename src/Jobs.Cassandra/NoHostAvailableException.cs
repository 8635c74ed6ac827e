namespace StreamJobs.Cassandra;

/// <summary>No contact point could be connected to (or every attempt failed); the inner exception is the last failure.</summary>
public sealed class NoHostAvailableException : DriverException
{
    /// <summary>Creates the exception.</summary>
    public NoHostAvailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
