using System.Diagnostics;

namespace StreamJobs.Replicas.Benchmarks;

/// <summary>
/// Starts k <c>streamjobs run --kafka</c> replicas in one fresh consumer group on the benchmark topic and times them
/// until the group's committed offsets reach the end: the span path kafka-spans → span-buffer → tail-sampler →
/// trace-archive (the NDJSON store of <c>run --kafka</c> without Cassandra), every receipt completed (dropped traces
/// by the sampler, kept ones by the archive after each write).
/// </summary>
internal static class ReplicaRun
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <param name="hostDirectory">The host build to run (<see cref="BenchmarkOptions.CompareHost"/>); null for the one next to the benchmark.</param>
    public static async Task<ReplicaResult> RunAsync(BenchmarkOptions options, string topic, long spans, int replicas, string workDirectory, string? hostDirectory = null)
    {
        var group = $"{topic}-r{replicas}{(hostDirectory is null ? "" : "-compare")}-{Guid.NewGuid().ToString("N")[..6]}";
        using var watcher = new CommitWatcher(topic, group, options.Partitions);
        var args = HostArguments(options, topic, group);
        var hosts = new List<ReplicaProcess>();
        try
        {
            var watch = Stopwatch.StartNew();
            // Each replica archives its kept traces in a folder of its own.
            for (var i = 0; i < replicas; i++) hosts.Add(ReplicaProcess.Start(workDirectory, [.. args, $"--StreamJobs:Demo:DataDirectory=data-{group}-{i}"], hostDirectory,
                hostDirectory is null ? null : options.CompareEnvironment));
            TimeSpan? firstCommit = null, settled = null;
            var committedAtSettle = 0L;
            Snapshot? steadyStart = null;
            var lastReport = new Snapshot();
            while (true)
            {
                var committed = watcher.CommittedTotal();
                var now = new Snapshot(watch.Elapsed, committed, Cpu(hosts), hosts.Aggregate(TimeSpan.Zero, (sum, h) => sum + h.JitCpu), ServerProcesses.Cpu, MachineCpu.Now());
                if (committed > 0) firstCommit ??= now.Elapsed;
                if (settled is null && hosts.All(h => h.AssignedPartitions > 0) && hosts.Sum(h => h.AssignedPartitions) == options.Partitions)
                {
                    (settled, committedAtSettle) = (now.Elapsed, Math.Max(0, committed));
                }
                // After the last rebalance the new owners replay from the last commit and commit again only once those
                // traces waited out their quiet time: the steady phase starts at that first commit after settling.
                if (steadyStart is null && settled is not null && committed > committedAtSettle && committed >= spans / 10)
                {
                    if (committed >= spans * 9 / 10)
                        throw new BenchmarkException($"{replicas} replicas: the group settled only after 90% of the spans were committed ({settled.Value.TotalSeconds:F1} s); run with more --spans.");
                    steadyStart = now;
                }
                if (steadyStart is not null && committed >= spans * 9 / 10)
                {
                    await WaitForTotalAsync(watcher, spans, watch, options.RunTimeout, hosts);
                    var rebalances = hosts.Sum(h => h.Assignments) - replicas;
                    return new ReplicaResult(replicas, spans, firstCommit!.Value, settled!.Value, watch.Elapsed, rebalances, steadyStart.Value, now);
                }
                if (settled is not null && steadyStart is null && committed >= spans)
                {
                    throw new BenchmarkException($"{replicas} replicas: the group settled only as the last spans were committed ({settled.Value.TotalSeconds:F1} s); run with more --spans.");
                }
                if (settled is null && committed >= spans)
                {
                    throw new BenchmarkException($"{replicas} replicas committed everything, but their output never showed every partition assigned (the source's \"Kafka group …: assigned …\" lines); has that log message changed? Last lines:\n{hosts[0].Tail}");
                }
                Check(hosts, replicas, committed, spans, now.Elapsed, options.RunTimeout);
                if (now.Elapsed - lastReport.Elapsed > TimeSpan.FromSeconds(5))
                {
                    var held = string.Join('+', hosts.Select(h => h.AssignedPartitions));
                    Console.WriteLine($"  {(hostDirectory is null ? "" : "compare ")}{now.Elapsed.TotalSeconds,5:F1} s: {committed:N0} committed ({(committed - lastReport.Committed) / (now.Elapsed - lastReport.Elapsed).TotalSeconds:N0} spans/s), partitions held {held}");
                    lastReport = now with { Committed = Math.Max(0, committed) };
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

    /// <summary>The rest of the run, to 100% committed: only the total time is taken from it.</summary>
    private static async Task WaitForTotalAsync(CommitWatcher watcher, long spans, Stopwatch watch, TimeSpan timeout, List<ReplicaProcess> hosts)
    {
        long committed;
        while ((committed = watcher.CommittedTotal()) < spans)
        {
            Check(hosts, hosts.Count, committed, spans, watch.Elapsed, timeout);
            await Task.Delay(PollInterval);
        }
    }

    private static void Check(List<ReplicaProcess> hosts, int replicas, long committed, long spans, TimeSpan elapsed, TimeSpan timeout)
    {
        if (hosts.FirstOrDefault(h => h.HasExited) is { } exited)
        {
            throw new BenchmarkException($"a replica exited early ({committed:N0} of {spans:N0} committed); its last lines:\n{exited.Tail}");
        }
        if (elapsed > timeout)
        {
            throw new BenchmarkException($"{replicas} replicas committed {committed:N0} of {spans:N0} spans within {timeout.TotalSeconds:F0} s; the last lines of the first replica:\n{hosts[0].Tail}");
        }
    }

    private static TimeSpan Cpu(List<ReplicaProcess> hosts) => hosts.Aggregate(TimeSpan.Zero, (sum, h) => sum + h.Cpu);

    /// <summary>
    /// The worker without Cassandra and without flows, quiet logging, short trace windows (by default a trace is decided
    /// 1 s after its last span, at most 5 s after its first) and frequent commits.
    /// </summary>
    private static string[] HostArguments(BenchmarkOptions options, string topic, string group) =>
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
        // Kept traces go to the NDJSON trace archive, which completes their receipts: the span path without a query store.
        "--StreamJobs:TraceStore:Enabled=false",
        "--StreamJobs:Flows:UdpPort=0",
        "--StreamJobs:Kafka:Flows=false",
        // Rebalances are noticed within half a second instead of librdkafka's 3 s heartbeat: a shorter start-up only.
        "--StreamJobs:Kafka:Properties:heartbeat.interval.ms=500",
        "--Logging:LogLevel:Default=Warning",
        // The source's "assigned" / "revoked" lines tell when the group has settled.
        "--Logging:LogLevel:StreamJobs.Graph.kafka-spans=Information",
    ];
}
