using StreamJobs.Cassandra.Protocol;

namespace StreamJobs.Cassandra.Connections;

/// <summary>Which failures are worth another attempt, and how long to wait before it.</summary>
internal static class RetryRules
{
    private const int IsBootstrapping = 0x1002;

    /// <summary>
    /// Failures where the server certainly did not apply the statement are always retried; those where it may have
    /// (timeouts, a connection lost mid-request) only for idempotent statements.
    /// </summary>
    public static bool IsRetryable(Exception e, bool idempotent) => e switch
    {
        UnpreparedException => true,
        NoHostAvailableException => true,
        ConnectionException c => !c.RequestSent || idempotent,
        UnavailableException or OverloadedException => true,
        ServerErrorException { ErrorCode: IsBootstrapping } => true,
        OperationTimedOutException or WriteTimeoutException or ReadTimeoutException => idempotent,
        _ => false,
    };

    /// <summary>Exponential backoff with ±20 % jitter so retrying clients do not move in lockstep.</summary>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        double ms = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 20)));
        return TimeSpan.FromMilliseconds(ms * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }
}
