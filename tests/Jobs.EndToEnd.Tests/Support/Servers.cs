using System.Diagnostics;
using System.Net.Sockets;
using Confluent.Kafka;

namespace StreamJobs.EndToEnd.Tests.Support;

/// <summary>
/// The real servers (STREAMJOBS_KAFKA, default 127.0.0.1:9092; STREAMJOBS_CASSANDRA, default 127.0.0.1:9042), topic
/// creation and the repository's scripts. A server that does not answer fails the test with instructions.
/// </summary>
internal static class Servers
{
    public static string Kafka { get; } = Environment.GetEnvironmentVariable("STREAMJOBS_KAFKA") is { Length: > 0 } k ? k : "127.0.0.1:9092";

    public static string Cassandra { get; } = Environment.GetEnvironmentVariable("STREAMJOBS_CASSANDRA") is { Length: > 0 } c ? c : "127.0.0.1:9042";

    public static void EnsureReachable()
    {
        EnsureKafkaReachable();
        Reachable("Cassandra", Cassandra, "scripts/start-cassandra.sh");
    }

    public static void EnsureKafkaReachable() => Reachable("Kafka", Kafka.Split(',')[0], "scripts/start-kafka.sh");

    /// <summary>
    /// A fresh topic with <paramref name="partitions"/> partitions, once every partition has a leader;
    /// <paramref name="config"/> adds topic settings (<c>cleanup.policy=compact</c>).
    /// </summary>
    public static async Task<string> CreateTopicAsync(string prefix, int partitions, params string[] config)
    {
        var topic = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        string[] args = ["--create", "--topic", topic, "--partitions", partitions.ToString(), "--replication-factor", "1", .. config.SelectMany(c => new[] { "--config", c })];
        await RunScriptAsync(TimeSpan.FromSeconds(60), "kafka-topics.sh", args);
        using var admin = new AdminClientBuilder(Legacy(new AdminClientConfig { BootstrapServers = Kafka })).Build();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var found = admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics.FirstOrDefault(t => t.Topic == topic);
            if (found is not null && found.Error.Code == ErrorCode.NoError && found.Partitions.Count == partitions && found.Partitions.All(p => p.Leader >= 0)) return topic;
            await Task.Delay(200);
        }
        Assert.Fail($"Topic {topic} did not get leaders for its {partitions} partitions within 30 s");
        return topic;
    }

    /// <summary>The sum over partitions of the offsets <paramref name="group"/> committed (a new topic starts at 0).</summary>
    public static long CommittedTotal(string topic, string group, int partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(Legacy(new ConsumerConfig { BootstrapServers = Kafka, GroupId = group, EnableAutoCommit = false })).Build();
        var offsets = consumer.Committed(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(10));
        return offsets.Sum(o => Math.Max(0, o.Offset.Value));
    }

    /// <summary>Runs scripts/<paramref name="script"/> (KEEP_DATA=1), bounded in time; fails with its output when it fails.</summary>
    public static async Task RunScriptAsync(TimeSpan timeout, string script, params string[] args)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = RepoRoot };
        info.ArgumentList.Add(Path.Combine(RepoRoot, "scripts", script));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["KEEP_DATA"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {script}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"scripts/{script} did not finish within {timeout}.");
        }
        Assert.True(process.ExitCode == 0, $"scripts/{script} exited with {process.ExitCode}: {await stdout}{await stderr}");
    }

    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "StreamJobs.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("StreamJobs.sln not found above the test binaries");
        }
    }

    private static void Reachable(string name, string address, string script)
    {
        var colon = address.LastIndexOf(':');
        using var client = new TcpClient();
        try
        {
            if (client.ConnectAsync(address[..colon], int.Parse(address[(colon + 1)..])).Wait(TimeSpan.FromSeconds(3)) && client.Connected) return;
        }
        catch (AggregateException)
        {
        }
        Assert.Fail($"{name} is not reachable at {address}; start it with {script} or run scripts/test.sh");
    }

    /// <summary>The 0.9 broker switches, and errors-only client logging.</summary>
    public static TConfig Legacy<TConfig>(TConfig config) where TConfig : ClientConfig
    {
        config.ApiVersionRequest = false;
        config.BrokerVersionFallback = "0.9.0.1";
        config.Set("log_level", "3");
        return config;
    }
}
