namespace StreamJobs.Replicas.Benchmarks;

/// <summary>
/// One measurement of k replicas in a fresh consumer group, timed from starting the processes. The headline rate is
/// the steady one, between 10% and 90% of the spans committed: no start-up (process start, host build, group join,
/// rebalances as members arrive, the first traces waiting out their quiet time) and no tail (the last traces' quiet
/// time and commit interval).
/// </summary>
/// <param name="Replicas">How many host processes shared the group.</param>
/// <param name="Spans">Spans in the topic.</param>
/// <param name="StartUp">Until the group's first commit.</param>
/// <param name="Total">Until the committed offsets reached the end of the topic.</param>
/// <param name="Steady">From 10% to 90% of the spans committed.</param>
/// <param name="SteadyCpu">CPU time of all replicas over <paramref name="Steady"/>.</param>
/// <param name="SteadyMachineBusyCores">Cores busy machine-wide over <paramref name="Steady"/> (replicas, broker, ZooKeeper, everything else).</param>
internal sealed record ReplicaResult(int Replicas, long Spans, TimeSpan StartUp, TimeSpan Total, TimeSpan Steady, TimeSpan SteadyCpu, double SteadyMachineBusyCores)
{
    private long SteadySpans => Spans * 8 / 10;

    /// <summary>Spans committed per second between 10% and 90%.</summary>
    public double SpansPerSecond => SteadySpans / Steady.TotalSeconds;

    /// <summary>Every span over the whole run, start-up and tail included.</summary>
    public double TotalSpansPerSecond => Spans / Total.TotalSeconds;

    /// <summary>Cores the replicas used together in the steady phase.</summary>
    public double ReplicaCores => SteadyCpu / Steady;

    /// <summary>Replica CPU per span committed in the steady phase.</summary>
    public double CpuMicrosecondsPerSpan => SteadyCpu.TotalMicroseconds / SteadySpans;
}
