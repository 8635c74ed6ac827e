using StreamJobs.Replicas.Benchmarks;

// Throughput of 1, 2, 3 streamjobs replicas on the span path through Kafka, against one plain consumer loop.
// Needs the running broker (scripts/start-kafka.sh); see docs/benchmarks.md. Exit code 2 on a setup failure.
Console.CancelKeyPress += (_, _) => ReplicaProcess.KillAll();
try
{
    var options = BenchmarkOptions.Parse(args);
    KafkaServer.EnsureReachable();
    Console.WriteLine($"{Environment.ProcessorCount} cores, load average {MachineCpu.LoadAverage()}, Kafka at {KafkaServer.Bootstrap}");
    var topic = "replica-bench-" + Guid.NewGuid().ToString("N")[..8];
    await KafkaServer.CreateTopicAsync(topic, options.Partitions);
    var work = Directory.CreateTempSubdirectory("streamjobs-replicas-").FullName;
    try
    {
        var spans = await SpanProducer.ProduceAsync(topic, options.Spans, seed: 7);
        var baselines = new List<BaselineResult>();
        var runs = new List<ReplicaResult>();
        var compared = new List<ReplicaResult>();
        // The goal's measure, per round: a replica's CPU per span against the baseline loop of the same round.
        var ratios = new RoundRatios();
        var comparedRatios = new RoundRatios();
        for (var round = 1; round <= options.Repeats; round++)
        {
            var baseline = BaselineConsumer.Run(topic, options.Partitions, spans, options.RunTimeout);
            baselines.Add(baseline);
            Console.WriteLine($"round {round} baseline: {baseline.SpansPerSecond:N0} spans/s, loop {baseline.Cores:F2} cores, {baseline.Cpu.TotalMicroseconds / baseline.Spans:F2} µs/span, broker + ZK {baseline.ServerCores:F2} cores, machine {baseline.MachineBusyCores:F2} cores busy, {baseline.Malformed} malformed, load average {MachineCpu.LoadAverage()}");
            var baselineMicros = baseline.Cpu.TotalMicroseconds / baseline.Spans;
            foreach (var replicas in options.Replicas)
            {
                Console.WriteLine($"round {round}, {replicas} replica(s):");
                if (options.CompareHost is null)
                {
                    Record(round, replicas, await ReplicaRun.RunAsync(options, topic, spans, replicas, work), isCompare: false, baselineMicros);
                }
                else if (options.CompareInTurn)
                {
                    // One build at a time, each with the machine to itself; the order alternates by round so that drift
                    // over the run does not always favour the same build.
                    var compareFirst = round % 2 == 0;
                    for (var turn = 0; turn < 2; turn++)
                    {
                        var isCompare = (turn == 0) == compareFirst;
                        Record(round, replicas, await ReplicaRun.RunAsync(options, topic, spans, replicas, work, isCompare ? options.CompareHost : null), isCompare, baselineMicros);
                    }
                }
                else
                {
                    // The other build runs at the same moment, in a group of its own.
                    var other = ReplicaRun.RunAsync(options, topic, spans, replicas, work, options.CompareHost);
                    Record(round, replicas, await ReplicaRun.RunAsync(options, topic, spans, replicas, work), isCompare: false, baselineMicros);
                    Record(round, replicas, await other, isCompare: true, baselineMicros);
                }
            }
        }

        void Record(int round, int replicas, ReplicaResult result, bool isCompare, double baselineMicros)
        {
            (isCompare ? compared : runs).Add(result);
            (isCompare ? comparedRatios : ratios).Add(replicas, result, baselineMicros);
            Report(round, replicas, result, isCompare ? " (compare host)" : "", baselineMicros);
        }

        Console.WriteLine();
        Console.WriteLine($"{spans:N0} spans, {options.Partitions} partitions, best of {options.Repeats}; load average at the end {MachineCpu.LoadAverage()}");
        Console.WriteLine();
        Console.Write(ResultTable.Format(baselines, runs));
        // Side by side, the two builds shared the cores while the baseline ran alone: those ratios are not the goal's measure.
        var ratioNote = options.CompareHost is not null && !options.CompareInTurn ? " (both builds at once, baseline alone: compare the builds, not against the goal)" : "";
        Console.Write(ratios.Format(ratioNote));
        if (compared.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"compare host {options.CompareHost}:");
            Console.Write(ResultTable.Format(baselines, compared));
            Console.Write(comparedRatios.Format(ratioNote));
        }
        Console.WriteLine();
        Console.WriteLine("steady: from the later of the first commit after the group settled and 10% committed, to 90% committed; cores are averages over that phase; machine busy cores count every process on the machine.");
    }
    finally
    {
        if (!options.KeepTopic) await KafkaServer.DeleteTopicAsync(topic);
        Directory.Delete(work, recursive: true);
    }
    return 0;
}
catch (BenchmarkException error)
{
    // A failed run may leave the other build's replicas (--compare-host) running: they must not outlive the benchmark.
    ReplicaProcess.KillAll();
    Console.Error.WriteLine(error.Message);
    return 2;
}
catch (DllNotFoundException missing)
{
    Console.Error.WriteLine($"librdkafka could not be loaded ({missing.Message}); it comes from the librdkafka.redist package under runtimes/<rid>/native next to this benchmark (docs/kafka.md).");
    return 2;
}

static void Report(int round, int replicas, ReplicaResult run, string label, double baselineMicros) =>
    Console.WriteLine($"round {round}, {replicas} replica(s){label}: {run.SpansPerSecond:N0} spans/s steady ({run.SteadySpans:N0} spans in {run.Steady.TotalSeconds:F1} s), first commit {run.FirstCommit.TotalSeconds:F1} s, settled {run.Settled.TotalSeconds:F1} s, {run.Rebalances} rebalances, all committed {run.Total.TotalSeconds:F1} s; replicas {run.ReplicaCores:F2} cores, {run.CpuMicrosecondsPerSpan:F2} µs/span = {run.CpuMicrosecondsPerSpan / baselineMicros:F2}× the round's baseline loop (their JIT threads' {run.JitCpu.TotalMilliseconds:F0} ms left out), broker + ZK {run.ServerCores:F2}, machine {run.MachineBusyCores:F2} busy, load average {MachineCpu.LoadAverage()}");
