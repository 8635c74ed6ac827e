using StreamJobs.Telemetry.Storage;

namespace StreamJobs.TraceStore.Tests.Storage;

public sealed class TraceQueryTests
{
    [Theory]
    [InlineData("http.method=GET and error", "http.method=GET;error=")]
    [InlineData("  a = 1  and b", "a=1;b=")]
    [InlineData("a=1 and a=2", "a=2")]
    [InlineData("a and a=2", "a=2")]
    [InlineData("a=2 and a", "a=2")]
    [InlineData("x=a=b", "x=a=b")]
    [InlineData("=v and  and k=", "k=")]
    [InlineData("", "")]
    public void The_annotation_query_parses_like_zipkins(string text, string expected) =>
        Assert.Equal(expected, string.Join(";", TraceQuery.ParseAnnotationQuery(text).Select(t => $"{t.Key}={t.Value}")));

    [Theory]
    [InlineData(0, 10, null, null, "lookback <= 0")]
    [InlineData(60, 0, null, null, "limit <= 0")]
    [InlineData(60, 10, null, 5L, "maxDuration is only valid with minDuration")]
    [InlineData(60, 10, 10L, 5L, "maxDuration < minDuration")]
    [InlineData(60, 10, -1L, null, "minDuration <= 0")]
    public void Invalid_queries_are_refused_with_zipkins_wording(int lookbackMinutes, int limit, long? min, long? max, string message)
    {
        var query = new TraceQuery
        {
            EndTs = DateTimeOffset.UtcNow,
            Lookback = TimeSpan.FromMinutes(lookbackMinutes),
            Limit = limit,
            MinDuration = min is { } m ? TimeSpan.FromTicks(m * 10) : null,
            MaxDuration = max is { } x ? TimeSpan.FromTicks(x * 10) : null,
        };

        Assert.StartsWith(message, Assert.Throws<ArgumentException>(query.Validate).Message);
    }
}
