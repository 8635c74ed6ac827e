using System.Diagnostics;

namespace StreamJobs.Replicas.Benchmarks;

/// <summary>
/// Starts k <c>streamjobs run --kafka</c> replicas in one fresh consumer group on the benchmark topic and times them
/// until the group's committed offsets reach the end: the span path kafka-spans → span-buffer → tail-sampler →
/// <see cref="ReceiptSinkJob"/>, every receipt completed (dropped traces by the sampler, kept ones by the sink).
/// </summary>
internal static class ReplicaRun
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<ReplicaResult> RunAsync(BenchmarkOptions options, string topic, long spans, int replicas, string workDirectory, string plugins)
    {
        var group = $"{topic}-r{replicas}-{Guid.NewGuid().ToString("N")[..6]}";
        using var watcher = new CommitWatcher(topic, group, options.Partitions);
        var args = HostArguments(options, topic, group, plugins);
        var hosts = new List<ReplicaProcess>();
        try
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < replicas; i++) hosts.Add(ReplicaProcess.Start(workDirectory, args));
            TimeSpan? startUp = null, t10 = null, t90 = null;
            TimeSpan cpu10 = default, cpu90 = default;
            MachineCpu.Sample machine10 = default, machine90 = default;
            long lastReported = 0;
            var lastReport = TimeSpan.Zero;
            while (true)
            {
                var committed = watcher.CommittedTotal();
                var now = watch.Elapsed;
                if (committed > 0 && startUp is null) startUp = now;
                if (t10 is null && committed >= spans / 10)
                {
                    (t10, cpu10, machine10) = (now, Cpu(hosts), MachineCpu.Now());
                }
                if (t90 is null && committed >= spans * 9 / 10)
                {
                    (t90, cpu90, machine90) = (now, Cpu(hosts), MachineCpu.Now());
                }
                if (committed >= spans)
                {
                    var steady = t90!.Value - t10!.Value;
                    return new ReplicaResult(replicas, spans, startUp!.Value, now, steady, cpu90 - cpu10, MachineCpu.BusyCores(machine10, machine90));
                }
                if (hosts.FirstOrDefault(h => h.HasExited) is { } exited)
                {
                    throw new BenchmarkException($"a replica exited early ({committed:N0} of {spans:N0} committed); its last lines:\n{exited.Tail}");
                }
                if (now > options.RunTimeout)
                {
                    throw new BenchmarkException($"{replicas} replicas committed {committed:N0} of {spans:N0} spans within {options.RunTimeout.TotalSeconds:F0} s; the last lines of the first replica:\n{hosts[0].Tail}");
                }
                if (now - lastReport > TimeSpan.FromSeconds(5))
                {
                    Console.WriteLine($"  {now.TotalSeconds,5:F1} s: {committed:N0} committed ({(committed - lastReported) / (now - lastReport).TotalSeconds:N0} spans/s)");
                    (lastReported, lastReport) = (Math.Max(0, committed), now);
                }
                await Task.Delay(PollInterval);
            }
        }
        finally
        {
            await Task.WhenAll(hosts.Select(h => h.StopAsync(TimeSpan.FromSeconds(30))));
            foreach (var host in hosts) await host.DisposeAsync();
        }
    }

    private static TimeSpan Cpu(List<ReplicaProcess> hosts) => hosts.Aggregate(TimeSpan.Zero, (sum, h) => sum + h.Cpu);

    /// <summary>
    /// The worker without Cassandra and without flows, quiet logging, short trace windows (a trace is decided 1 s after
    /// its last span, at most 5 s after its first) and frequent commits, plus the benchmark's receipt sink as a plugin.
    /// </summary>
    private static string[] HostArguments(BenchmarkOptions options, string topic, string group, string plugins) =>
    [
        "run", "--kafka",
        $"--StreamJobs:Kafka:BootstrapServers={KafkaServer.Bootstrap}",
        "--StreamJobs:Kafka:LegacyBroker=true",
        $"--StreamJobs:Kafka:SpansTopic={topic}",
        $"--StreamJobs:Kafka:GroupId={group}",
        "--StreamJobs:Kafka:CommitInterval=00:00:00.200",
        "--StreamJobs:Kafka:SessionTimeout=00:00:06",
        $"--StreamJobs:Jobs:span-buffer:QuietWait={options.QuietWait:c}",
        "--StreamJobs:Jobs:span-buffer:MaxTraceAge=00:00:05",
        "--StreamJobs:Jobs:span-buffer:TickInterval=00:00:00.100",
        "--StreamJobs:Flows:UdpPort=0",
        $"--StreamJobs:Plugins:Directory={plugins}",
        "--Logging:LogLevel:Default=Warning",
    ];
}
