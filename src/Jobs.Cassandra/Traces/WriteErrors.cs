namespace StreamJobs.Cassandra.Traces;

/// <summary>Which write failures no amount of retrying fixes (the statement or its values are wrong).</summary>
internal static class WriteErrors
{
    public static bool IsPermanent(Exception error) => error
        is InvalidQueryException or SyntaxErrorException or UnauthorizedException or ProtocolErrorException
        or ArgumentException or InvalidCastException or FormatException or OverflowException;

    /// <summary>Failures worth waiting out: the server is down, busy or slow.</summary>
    public static bool IsTransient(Exception error) => error is DriverException && !IsPermanent(error);
}
