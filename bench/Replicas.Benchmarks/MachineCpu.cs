namespace StreamJobs.Replicas.Benchmarks;

/// <summary>
/// Machine-wide CPU from /proc (Linux): busy cores over an interval, and the load average. Both count every process on
/// the machine, the broker's and ZooKeeper's JVMs and anything else running, not only the benchmark.
/// </summary>
internal static class MachineCpu
{
    public static CpuSample Now()
    {
        if (!File.Exists("/proc/stat")) return default;
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(long.Parse).ToArray();
        var total = fields.Sum();
        var idle = fields[3] + fields[4];
        return new CpuSample(total - idle, total);
    }

    /// <summary>How many cores were busy on average between two samples (0 when /proc/stat is missing).</summary>
    public static double BusyCores(CpuSample from, CpuSample to) =>
        to.Total > from.Total ? (double)(to.Busy - from.Busy) / (to.Total - from.Total) * Environment.ProcessorCount : 0;

    /// <summary>The 1, 5 and 15 minute load averages as /proc/loadavg prints them, or "n/a".</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
