using System.Diagnostics;
using System.Net.Sockets;
using Confluent.Kafka;

namespace StreamJobs.Kafka.Tests.Support;

/// <summary>The broker the tests use (STREAMJOBS_KAFKA, default 127.0.0.1:9092), topics, and raw client helpers.</summary>
public static class KafkaTestEnvironment
{
    public static string Bootstrap { get; } = Environment.GetEnvironmentVariable("STREAMJOBS_KAFKA") is { Length: > 0 } value ? value : "127.0.0.1:9092";

    /// <summary>Fails the test with instructions when no broker answers.</summary>
    public static void EnsureReachable()
    {
        var parts = Bootstrap.Split(',')[0].Split(':');
        using var client = new TcpClient();
        try
        {
            if (client.ConnectAsync(parts[0], int.Parse(parts[1])).Wait(TimeSpan.FromSeconds(3)) && client.Connected) return;
        }
        catch (AggregateException)
        {
        }
        Assert.Fail($"Kafka is not reachable at {Bootstrap}; start it with scripts/start-kafka.sh or run scripts/test.sh");
    }

    /// <summary>Creates a fresh topic with <paramref name="partitions"/> partitions and waits until every partition has a leader.</summary>
    public static string CreateTopic(int partitions)
    {
        EnsureReachable();
        var topic = "t-" + Guid.NewGuid().ToString("N")[..12];
        var script = Path.Combine(RepositoryRoot(), "scripts", "kafka-topics.sh");
        var start = new ProcessStartInfo("bash", [script, "--create", "--topic", topic, "--partitions", partitions.ToString(), "--replication-factor", "1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using (var process = Process.Start(start)!)
        {
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"kafka-topics.sh failed: {output}");
        }
        using var admin = new AdminClientBuilder(Legacy(new AdminClientConfig { BootstrapServers = Bootstrap })).Build();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(5));
            var found = metadata.Topics.FirstOrDefault(t => t.Topic == topic);
            if (found is not null && found.Error.Code == ErrorCode.NoError && found.Partitions.Count == partitions && found.Partitions.All(p => p.Leader >= 0)) return topic;
            Thread.Sleep(200);
        }
        Assert.Fail($"Topic {topic} did not get leaders for its {partitions} partitions within 30 s");
        return topic;
    }

    public static KafkaConsumerSettings Consumer(string topic, string? group = null) => new()
    {
        BootstrapServers = Bootstrap,
        LegacyBroker = true,
        GroupId = group ?? "g-" + Guid.NewGuid().ToString("N")[..12],
        Topics = [topic],
        CommitInterval = TimeSpan.FromMilliseconds(200),
        SessionTimeout = TimeSpan.FromSeconds(6),
        RevokeDrainTimeout = TimeSpan.FromMilliseconds(200),
        ShutdownDrainTimeout = TimeSpan.FromSeconds(2),
    };

    public static KafkaProducerSettings Producer(string topic) => new()
    {
        BootstrapServers = Bootstrap,
        LegacyBroker = true,
        Topic = topic,
        Linger = TimeSpan.FromMilliseconds(2),
    };

    /// <summary>Writes <paramref name="values"/> to one partition with a raw client, in order.</summary>
    public static void ProduceRaw(string topic, int partition, IEnumerable<string> values)
    {
        using var producer = new ProducerBuilder<Null, string>(Legacy(new ProducerConfig { BootstrapServers = Bootstrap, LingerMs = 2 })).Build();
        foreach (var value in values) producer.Produce(new TopicPartition(topic, partition), new Message<Null, string> { Value = value });
        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
    }

    /// <summary>Reads a whole topic with a raw client (own group, from the start) until <paramref name="expected"/> records came.</summary>
    public static List<ConsumeResult<string, string>> ReadAll(string topic, int expected)
    {
        using var consumer = new ConsumerBuilder<string, string>(Legacy(new ConsumerConfig
        {
            BootstrapServers = Bootstrap,
            GroupId = "raw-" + Guid.NewGuid().ToString("N")[..8], AutoOffsetReset = AutoOffsetReset.Earliest, EnableAutoCommit = false,
            SessionTimeoutMs = 6000,
        })).Build();
        consumer.Subscribe(topic);
        var results = new List<ConsumeResult<string, string>>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (results.Count < expected && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is not null) results.Add(result);
        }
        consumer.Close();
        return results;
    }

    /// <summary>The offsets <paramref name="group"/> has committed for the partitions of <paramref name="topic"/> (-1001 when none).</summary>
    public static Dictionary<int, long> Committed(string topic, string group, int partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(Legacy(new ConsumerConfig
        {
            BootstrapServers = Bootstrap, GroupId = group, EnableAutoCommit = false,
        })).Build();
        var offsets = consumer.Committed(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(10));
        return offsets.ToDictionary(o => o.Partition.Value, o => o.Offset.Value);
    }

    /// <summary>Runs a script of scripts/ (with extra environment variables) and fails the test if it fails.</summary>
    public static void RunScript(string name, params (string Key, string Value)[] environment)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot(), "scripts", name)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot(),
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"scripts/{name} failed: {output}{stderr.Result}");
    }

    /// <summary>The 0.9 switches, and errors-only logging (librdkafka warns about those switches on every client).</summary>
    private static TConfig Legacy<TConfig>(TConfig config) where TConfig : ClientConfig
    {
        config.ApiVersionRequest = false;
        config.BrokerVersionFallback = "0.9.0.1";
        config.Set("log_level", "3");
        return config;
    }

    /// <summary>The repository checkout the tests run from (the folder with StreamJobs.sln).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StreamJobs.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("StreamJobs.sln not found above the test binaries");
    }
}
