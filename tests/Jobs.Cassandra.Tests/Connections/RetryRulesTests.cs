using StreamJobs.Cassandra.Connections;
using StreamJobs.Cassandra.Protocol;

namespace StreamJobs.Cassandra.Tests.Connections;

public sealed class RetryRulesTests
{
    [Fact]
    public void Failures_before_the_server_acted_are_always_retried()
    {
        Assert.True(RetryRules.IsRetryable(new UnavailableException("x", ConsistencyLevel.One, 1, 0), idempotent: false));
        Assert.True(RetryRules.IsRetryable(new OverloadedException(0x1001, "x"), idempotent: false));
        Assert.True(RetryRules.IsRetryable(new ConnectionException("x", requestSent: false), idempotent: false));
    }

    [Fact]
    public void Maybe_applied_failures_are_retried_only_when_idempotent()
    {
        DriverException[] maybeApplied =
        [
            new WriteTimeoutException("x", ConsistencyLevel.One, 0, 1),
            new OperationTimedOutException("x"),
            new ConnectionException("x", requestSent: true),
        ];
        foreach (var e in maybeApplied)
        {
            Assert.False(RetryRules.IsRetryable(e, idempotent: false));
            Assert.True(RetryRules.IsRetryable(e, idempotent: true));
        }
    }

    [Fact]
    public void Statement_errors_are_never_retried()
    {
        Assert.False(RetryRules.IsRetryable(new SyntaxErrorException(0x2000, "x"), idempotent: true));
        Assert.False(RetryRules.IsRetryable(new InvalidQueryException(0x2200, "x"), idempotent: true));
    }

    [Fact]
    public void Backoff_grows_exponentially_and_is_capped()
    {
        var baseDelay = TimeSpan.FromMilliseconds(100);
        var max = TimeSpan.FromSeconds(1);
        Assert.InRange(RetryRules.Delay(0, baseDelay, max).TotalMilliseconds, 80, 120);
        Assert.InRange(RetryRules.Delay(2, baseDelay, max).TotalMilliseconds, 320, 480);
        Assert.InRange(RetryRules.Delay(30, baseDelay, max).TotalMilliseconds, 800, 1200);
    }
}
