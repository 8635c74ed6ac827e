namespace StreamJobs.Replicas.Benchmarks;

/// <summary>The machine's CPU counters from /proc/stat, in jiffies since boot: busy (everything but idle and iowait) and total.</summary>
internal readonly record struct CpuSample(long Busy, long Total);
