using Microsoft.Extensions.Configuration;

namespace StreamJobs.Kafka.Tests;

public sealed class KafkaConsumerSettingsTests
{
    [Fact]
    public void Binds_from_the_streamjobs_kafka_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StreamJobs:Kafka:BootstrapServers"] = "10.0.0.1:9092,10.0.0.2:9092",
            ["StreamJobs:Kafka:LegacyBroker"] = "true",
            ["StreamJobs:Kafka:GroupId"] = "span-buffer",
            ["StreamJobs:Kafka:Topics:0"] = "spans",
            ["StreamJobs:Kafka:Topics:1"] = "flows",
            ["StreamJobs:Kafka:CommitInterval"] = "00:00:05",
            ["StreamJobs:Kafka:Properties:fetch.wait.max.ms"] = "50",
        }).Build();

        var settings = KafkaConsumerSettings.FromConfiguration(configuration);

        Assert.Equal("10.0.0.1:9092,10.0.0.2:9092", settings.BootstrapServers);
        Assert.True(settings.LegacyBroker);
        Assert.Equal("span-buffer", settings.GroupId);
        Assert.Equal(["spans", "flows"], settings.Topics);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.CommitInterval);
        Assert.Equal("50", settings.Properties["fetch.wait.max.ms"]);
    }

    [Fact]
    public void Missing_topics_are_reported_with_their_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["StreamJobs:Kafka:GroupId"] = "g" }).Build();
        var error = Assert.Throws<ArgumentException>(() => KafkaConsumerSettings.FromConfiguration(configuration));
        Assert.Contains("StreamJobs:Kafka:Topics", error.Message);
    }

    [Fact]
    public void A_bad_offset_reset_is_reported()
    {
        var settings = new KafkaConsumerSettings { Topics = ["t"], AutoOffsetReset = "smallest" };
        var error = Assert.Throws<ArgumentException>(settings.Validate);
        Assert.Contains("'earliest' or 'latest'", error.Message);
    }

    [Fact]
    public void An_unknown_partition_assignment_is_reported_with_the_allowed_values()
    {
        var settings = new KafkaConsumerSettings { Topics = ["t"], PartitionAssignment = "sticky" };
        var error = Assert.Throws<ArgumentException>(settings.Validate);
        Assert.Contains("StreamJobs:Kafka:PartitionAssignment must be 'cooperative-sticky', 'range' or 'roundrobin', not 'sticky'", error.Message);
    }
}
