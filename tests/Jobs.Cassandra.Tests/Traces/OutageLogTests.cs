using Microsoft.Extensions.Logging;
using StreamJobs.Cassandra.Tests.Traces.Support;
using StreamJobs.Cassandra.Traces;

namespace StreamJobs.Cassandra.Tests.Traces;

public sealed class OutageLogTests
{
    [Fact]
    public void Many_failures_log_once_and_the_recovery_once()
    {
        var logger = new CapturingLogger();
        var log = new OutageLog(logger);

        for (int i = 0; i < 50; i++)
        {
            log.Failed(new NoHostAvailableException("127.0.0.1:9042 refused"), TimeSpan.FromMilliseconds(500));
        }

        log.Succeeded();
        log.Succeeded();

        Assert.Equal(2, logger.Lines.Count);
        Assert.Equal(LogLevel.Warning, logger.Lines[0].Level);
        Assert.Contains("127.0.0.1:9042 refused", logger.Lines[0].Message, StringComparison.Ordinal);
        Assert.Contains("recovered", logger.Lines[1].Message, StringComparison.Ordinal);
        Assert.Contains("50 retries", logger.Lines[1].Message, StringComparison.Ordinal);
        Assert.Equal(50, log.TotalRetries);
        Assert.Equal(1, log.Outages);
    }

    [Fact]
    public void Refused_statements_are_permanent_and_unavailable_servers_transient()
    {
        Assert.True(WriteErrors.IsPermanent(new ArgumentException("bad value")));
        Assert.False(WriteErrors.IsTransient(new ArgumentException("bad value")));
        Assert.True(WriteErrors.IsTransient(new NoHostAvailableException("down")));
        Assert.False(WriteErrors.IsTransient(new OperationCanceledException()));
    }
}
