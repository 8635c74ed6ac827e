namespace StreamJobs.Kafka.Tests;

public sealed class KafkaClientConfigTests
{
    [Fact]
    public void The_legacy_switch_turns_off_api_version_requests_and_sets_the_fallback()
    {
        var config = KafkaClientConfig.Consumer(new KafkaConsumerSettings { Topics = ["t"], LegacyBroker = true });
        Assert.False(config.ApiVersionRequest);
        Assert.Equal("0.9.0.1", config.BrokerVersionFallback);
        Assert.False(config.EnableAutoCommit);

        var modern = KafkaClientConfig.Consumer(new KafkaConsumerSettings { Topics = ["t"] });
        Assert.Null(modern.ApiVersionRequest);
    }

    [Theory]
    [InlineData(null, Confluent.Kafka.PartitionAssignmentStrategy.CooperativeSticky)]
    [InlineData("range", Confluent.Kafka.PartitionAssignmentStrategy.Range)]
    [InlineData("roundrobin", Confluent.Kafka.PartitionAssignmentStrategy.RoundRobin)]
    public void The_partition_assignment_is_cooperative_unless_an_eager_one_is_asked_for(string? setting, Confluent.Kafka.PartitionAssignmentStrategy expected)
    {
        var settings = new KafkaConsumerSettings { Topics = ["t"] };
        if (setting is not null) settings.PartitionAssignment = setting;
        Assert.Equal(expected, KafkaClientConfig.Consumer(settings).PartitionAssignmentStrategy);
    }

    [Fact]
    public void The_admin_config_carries_the_connection_but_no_consumer_properties()
    {
        var config = KafkaClientConfig.Admin(new KafkaConsumerSettings { Topics = ["t"], BootstrapServers = "10.0.0.1:9092", LegacyBroker = true, GroupId = "g" });
        Assert.Equal("10.0.0.1:9092", config.BootstrapServers);
        Assert.False(config.ApiVersionRequest);
        Assert.DoesNotContain(config, p => p.Key is "group.id" or "session.timeout.ms" or "partition.assignment.strategy");
    }

    [Fact]
    public void Producer_settings_map_compression_acks_and_extra_properties()
    {
        var config = KafkaClientConfig.Producer(new KafkaProducerSettings
        {
            Topic = "t", Compression = "snappy", Acks = "1", LegacyBroker = true,
            Properties = new() { ["batch.num.messages"] = "5000" },
        });
        Assert.Equal(Confluent.Kafka.CompressionType.Snappy, config.CompressionType);
        Assert.Equal(Confluent.Kafka.Acks.Leader, config.Acks);
        Assert.Equal("5000", config.Get("batch.num.messages"));
        Assert.False(config.EnableIdempotence);
    }

    [Fact]
    public void Unknown_compression_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(new KafkaProducerSettings { Topic = "t", Compression = "zstd" }.Validate);
        Assert.Contains("gzip, snappy or lz4", error.Message);
    }
}
