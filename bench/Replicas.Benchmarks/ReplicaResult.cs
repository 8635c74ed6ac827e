namespace StreamJobs.Replicas.Benchmarks;

/// <summary>
/// One measurement of k replicas in a fresh consumer group, timed from starting the processes. The headline rate is
/// the steady one: from the later of the first commit after "the group settled" (every replica holds partitions and
/// together they hold all) and 10% committed, to 90% committed. That leaves out the start-up (process start, host build, group join, the
/// rebalances as members arrive, the first traces waiting out their quiet time) and the tail (the last traces' quiet
/// time and the commit interval).
/// </summary>
/// <param name="Replicas">How many host processes shared the group.</param>
/// <param name="Spans">Spans in the topic.</param>
/// <param name="FirstCommit">Until the group's first commit.</param>
/// <param name="Settled">Until every replica held partitions, all partitions held.</param>
/// <param name="Total">Until the committed offsets reached the end of the topic.</param>
/// <param name="Rebalances">Assignments beyond each replica's first.</param>
/// <param name="Start">The steady phase's first poll.</param>
/// <param name="End">The steady phase's last poll.</param>
internal sealed record ReplicaResult(int Replicas, long Spans, TimeSpan FirstCommit, TimeSpan Settled, TimeSpan Total, int Rebalances, Snapshot Start, Snapshot End)
{
    public TimeSpan Steady => End.Elapsed - Start.Elapsed;

    public long SteadySpans => End.Committed - Start.Committed;

    /// <summary>Spans committed per second in the steady phase.</summary>
    public double SpansPerSecond => SteadySpans / Steady.TotalSeconds;

    /// <summary>Every span over the whole run, start-up and tail included.</summary>
    public double TotalSpansPerSecond => Spans / Total.TotalSeconds;

    /// <summary>The replicas' CPU time in the steady phase, less their JIT threads' (see <see cref="ProcessCpu"/>).</summary>
    public TimeSpan ReplicaCpu => End.ReplicaCpu - Start.ReplicaCpu - JitCpu;

    /// <summary>The replicas' JIT threads' CPU time in the steady phase (left out of <see cref="ReplicaCpu"/>).</summary>
    public TimeSpan JitCpu => End.ReplicaJitCpu - Start.ReplicaJitCpu;

    /// <summary>Cores the replicas used together in the steady phase.</summary>
    public double ReplicaCores => ReplicaCpu / Steady;

    /// <summary>Cores the broker and ZooKeeper used in the steady phase.</summary>
    public double ServerCores => (End.ServerCpu - Start.ServerCpu) / Steady;

    /// <summary>Cores busy machine-wide in the steady phase (replicas, servers, everything else running).</summary>
    public double MachineBusyCores => MachineCpu.BusyCores(Start.Machine, End.Machine);

    /// <summary>Replica CPU per span committed in the steady phase.</summary>
    public double CpuMicrosecondsPerSpan => ReplicaCpu.TotalMicroseconds / SteadySpans;
}
