using Confluent.Kafka;

namespace StreamJobs.Kafka;

/// <summary>Turns our settings into librdkafka configuration, including the pre-0.10 broker switches.</summary>
internal static class KafkaClientConfig
{
    public static ConsumerConfig Consumer(KafkaConsumerSettings settings)
    {
        var config = new ConsumerConfig
        {
            GroupId = settings.GroupId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            EnablePartitionEof = false,
            AutoOffsetReset = settings.AutoOffsetReset == "latest" ? Confluent.Kafka.AutoOffsetReset.Latest : Confluent.Kafka.AutoOffsetReset.Earliest,
            SessionTimeoutMs = (int)settings.SessionTimeout.TotalMilliseconds,
            PartitionAssignmentStrategy = settings.PartitionAssignment switch
            {
                "range" => PartitionAssignmentStrategy.Range,
                "roundrobin" => PartitionAssignmentStrategy.RoundRobin,
                _ => PartitionAssignmentStrategy.CooperativeSticky,
            },
        };
        Common(config, settings.BootstrapServers, settings.LegacyBroker, settings.BrokerVersionFallback, settings.Properties);
        return config;
    }

    /// <summary>An admin client (metadata) for the consumer's servers: the common settings only, so librdkafka does not warn about consumer properties.</summary>
    public static AdminClientConfig Admin(KafkaConsumerSettings settings)
    {
        var config = new AdminClientConfig();
        Common(config, settings.BootstrapServers, settings.LegacyBroker, settings.BrokerVersionFallback, settings.Properties);
        return config;
    }

    public static ProducerConfig Producer(KafkaProducerSettings settings)
    {
        var config = new ProducerConfig
        {
            LingerMs = settings.Linger.TotalMilliseconds,
            QueueBufferingMaxMessages = settings.MaxQueuedMessages,
            MessageTimeoutMs = (int)settings.DeliveryTimeout.TotalMilliseconds,
            EnableIdempotence = false,
            // murmur2 like the Java client, so a key lands on the same partition whichever client wrote it.
            Partitioner = Partitioner.Murmur2Random,
            Acks = settings.Acks switch { "0" => Confluent.Kafka.Acks.None, "1" => Confluent.Kafka.Acks.Leader, _ => Confluent.Kafka.Acks.All },
            CompressionType = settings.Compression switch
            {
                "gzip" => CompressionType.Gzip,
                "snappy" => CompressionType.Snappy,
                "lz4" => CompressionType.Lz4,
                _ => CompressionType.None,
            },
        };
        Common(config, settings.BootstrapServers, settings.LegacyBroker, settings.BrokerVersionFallback, settings.Properties);
        return config;
    }

    private static void Common(ClientConfig config, string servers, bool legacy, string fallback, Dictionary<string, string> properties)
    {
        config.BootstrapServers = servers;
        if (legacy)
        {
            // 0.9 has no ApiVersions request: without these the client waits for an answer that never comes.
            config.ApiVersionRequest = false;
            config.BrokerVersionFallback = fallback;
        }
        foreach (var (key, value) in properties) config.Set(key, value);
    }
}
