namespace StreamJobs.Cassandra;

/// <summary>Base of every error this client raises; the message says what failed and, for server errors, what the server said.</summary>
public class DriverException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DriverException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
