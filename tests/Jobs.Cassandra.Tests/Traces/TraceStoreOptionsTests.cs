using StreamJobs.Cassandra.Traces;

namespace StreamJobs.Cassandra.Tests.Traces;

public sealed class TraceStoreOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_keep_traces_a_week()
    {
        var options = new TraceStoreOptions();

        options.Validate();
        Assert.Equal(604800, options.TimeToLiveSeconds);
        Assert.Equal(TimeSpan.FromHours(1), options.BucketSize);
    }

    [Theory]
    [InlineData("Keyspace")]
    [InlineData("BucketSize")]
    [InlineData("MaxConcurrentWrites")]
    [InlineData("MaxSpansPerBatch")]
    [InlineData("RetryBaseDelay")]
    [InlineData("TimeToLive")]
    [InlineData("Replication")]
    public void A_bad_setting_is_refused_by_name(string setting)
    {
        var options = new TraceStoreOptions();
        switch (setting)
        {
            case "Keyspace": options.Keyspace = "traces; DROP"; break;
            case "BucketSize": options.BucketSize = TimeSpan.FromSeconds(90); break;
            case "MaxConcurrentWrites": options.MaxConcurrentWrites = 0; break;
            case "MaxSpansPerBatch": options.MaxSpansPerBatch = 70_000; break;
            case "RetryBaseDelay": options.RetryBaseDelay = TimeSpan.FromMinutes(1); break;
            case "TimeToLive": options.TimeToLive = TimeSpan.FromDays(-1); break;
            case "Replication": options.Replication = "SimpleStrategy"; break;
        }

        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal(setting, error.ParamName);
    }

    [Fact]
    public void No_time_to_live_means_no_ttl_clause()
    {
        var options = new TraceStoreOptions { TimeToLive = null };

        Assert.Equal(0, options.TimeToLiveSeconds);
        Assert.DoesNotContain("TTL", TraceSchema.InsertSpan(options), StringComparison.Ordinal);
        Assert.EndsWith("USING TTL 604800", TraceSchema.InsertSpan(new TraceStoreOptions()), StringComparison.Ordinal);
    }
}
