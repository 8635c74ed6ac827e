namespace StreamJobs.TestKit;

/// <summary>
/// Thrown when a probe's expectation fails (an element, completion or error that did not come in time, or a different
/// one). A plain exception, so any test framework reports it as a failed test.
/// </summary>
public sealed class ProbeAssertionException : Exception
{
    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ProbeAssertionException(string message)
        : base(message)
    {
    }
}
