namespace StreamJobs.Benchmarks;

/// <summary>
/// CPU time of a process's threads by name, from Linux's per-thread scheduler statistics (nanoseconds). The benchmarks
/// use it to leave the runtime's background JIT thread out of their CPU times: a short run keeps it busy for a share
/// that varies from round to round, and a long-running job pays it once.
/// </summary>
internal static class ThreadCpu
{
    /// <summary>The runtime's background thread that recompiles hot methods (tiered compilation).</summary>
    public const string TieredJit = ".NET Tiered Com";

    /// <summary>
    /// CPU time so far of the threads of process <paramref name="pid"/> whose name starts with <paramref name="prefix"/>;
    /// zero where /proc cannot be read.
    /// </summary>
    public static TimeSpan Of(int pid, string prefix)
    {
        long nanoseconds = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
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
        }
        catch (IOException)
        {
            // No /proc, or the process ended meanwhile.
        }
        catch (UnauthorizedAccessException)
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.FromTicks(nanoseconds / 100);
    }
}
