namespace StreamJobs.FlowEnricher.Benchmarks;

/// <summary>CPU time of this process's threads by name, from Linux's per-thread scheduler statistics (nanoseconds).</summary>
internal static class ThreadCpu
{
    /// <summary>The runtime's background thread that recompiles hot methods (tiered compilation).</summary>
    public const string TieredJit = ".NET Tiered Com";

    /// <summary>CPU time so far of the threads whose name starts with <paramref name="prefix"/>; zero where /proc is missing.</summary>
    public static TimeSpan Of(string prefix)
    {
        if (!Directory.Exists("/proc/self/task"))
        {
            return TimeSpan.Zero;
        }

        long nanoseconds = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).StartsWith(prefix, StringComparison.Ordinal))
                {
                    var schedstat = File.ReadAllText(Path.Combine(task, "schedstat"));
                    nanoseconds += long.Parse(schedstat.AsSpan(0, schedstat.IndexOf(' ')));
                }
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        return TimeSpan.FromTicks(nanoseconds / 100);
    }
}
