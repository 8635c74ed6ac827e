using System.Diagnostics;
using System.Net.Sockets;
using Confluent.Kafka;

namespace StreamJobs.Replicas.Benchmarks;

/// <summary>
/// The running broker (<c>STREAMJOBS_KAFKA</c>, default 127.0.0.1:9092, a 0.9 broker as the scripts install it): the
/// reachability check, topic creation through scripts/kafka-topics.sh, and client configuration.
/// </summary>
internal static class KafkaServer
{
    public static string Bootstrap { get; } = Environment.GetEnvironmentVariable("STREAMJOBS_KAFKA") is { Length: > 0 } k ? k : "127.0.0.1:9092";

    public static void EnsureReachable()
    {
        var address = Bootstrap.Split(',')[0];
        var colon = address.LastIndexOf(':');
        using var client = new TcpClient();
        try
        {
            if (client.ConnectAsync(address[..colon], int.Parse(address[(colon + 1)..])).Wait(TimeSpan.FromSeconds(3)) && client.Connected) return;
        }
        catch (AggregateException)
        {
        }
        throw new BenchmarkException($"Kafka is not reachable at {address} (STREAMJOBS_KAFKA); start it with scripts/start-kafka.sh (scripts/install-kafka.sh installs it).");
    }

    /// <summary>Creates <paramref name="topic"/> and waits until every partition has a leader.</summary>
    public static async Task CreateTopicAsync(string topic, int partitions)
    {
        await RunTopicsScriptAsync("--create", "--topic", topic, "--partitions", partitions.ToString(), "--replication-factor", "1");
        using var admin = new AdminClientBuilder(Legacy(new AdminClientConfig { BootstrapServers = Bootstrap })).Build();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var found = admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics.FirstOrDefault(t => t.Topic == topic);
            if (found is not null && found.Error.Code == ErrorCode.NoError && found.Partitions.Count == partitions && found.Partitions.All(p => p.Leader >= 0)) return;
            await Task.Delay(200);
        }
        throw new BenchmarkException($"Topic {topic} did not get leaders for its {partitions} partitions within 30 s.");
    }

    /// <summary>Deletes <paramref name="topic"/> (best effort: the broker needs delete.topic.enable).</summary>
    public static async Task DeleteTopicAsync(string topic)
    {
        try
        {
            await RunTopicsScriptAsync("--delete", "--topic", topic);
        }
        catch (BenchmarkException error)
        {
            Console.Error.WriteLine($"could not delete topic {topic}: {error.Message}");
        }
    }

    /// <summary>The 0.9 broker switches (no ApiVersions request) and errors-only client logging.</summary>
    public static TConfig Legacy<TConfig>(TConfig config) where TConfig : ClientConfig
    {
        config.ApiVersionRequest = false;
        config.BrokerVersionFallback = "0.9.0.1";
        config.Set("log_level", "3");
        return config;
    }

    private static async Task RunTopicsScriptAsync(params string[] args)
    {
        var script = System.IO.Path.Combine(RepoRoot.Path, "scripts", "kafka-topics.sh");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = RepoRoot.Path };
        info.ArgumentList.Add(script);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new BenchmarkException("could not start scripts/kafka-topics.sh");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new BenchmarkException("scripts/kafka-topics.sh did not finish within 90 s.");
        }
        if (process.ExitCode != 0)
        {
            throw new BenchmarkException($"scripts/kafka-topics.sh {string.Join(' ', args)} exited with {process.ExitCode} (it needs STATE_DIR pointing at the servers' install, default .state): {(await stdout).Trim()} {(await stderr).Trim()}");
        }
    }
}
