namespace StreamJobs.Replicas.Benchmarks;

/// <summary>Where a run stood at one poll: elapsed time, spans committed, and the CPU clocks.</summary>
/// <param name="Elapsed">Since the replicas were started.</param>
/// <param name="Committed">The group's committed offsets summed over partitions.</param>
/// <param name="ReplicaCpu">CPU time of all replicas so far.</param>
/// <param name="ReplicaJitCpu">CPU time of all replicas' background JIT threads so far (part of <paramref name="ReplicaCpu"/>).</param>
/// <param name="ServerCpu">CPU time of the broker and ZooKeeper so far.</param>
/// <param name="Machine">The machine-wide CPU counters.</param>
internal readonly record struct Snapshot(TimeSpan Elapsed, long Committed, TimeSpan ReplicaCpu, TimeSpan ReplicaJitCpu, TimeSpan ServerCpu, CpuSample Machine);
