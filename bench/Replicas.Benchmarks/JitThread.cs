namespace StreamJobs.Replicas.Benchmarks;

/// <summary>
/// CPU time of a .NET process's background JIT thread (tiered compilation), from Linux's per-thread scheduler
/// statistics. Every replica is a fresh process, so its first minute keeps recompiling hot methods, while the
/// baseline loop runs warm in this process after its first round; both measures leave the JIT thread out, as a
/// long-running replica pays it once.
/// </summary>
internal static class JitThread
{
    private const string Name = ".NET Tiered Com";

    /// <summary>The JIT thread's CPU time so far in process <paramref name="pid"/>; zero when it cannot be read.</summary>
    public static TimeSpan CpuOf(int pid)
    {
        var tasks = $"/proc/{pid}/task";
        if (!Directory.Exists(tasks))
        {
            return TimeSpan.Zero;
        }

        long nanoseconds = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories(tasks))
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).StartsWith(Name, StringComparison.Ordinal))
                {
                    var schedstat = File.ReadAllText(Path.Combine(task, "schedstat"));
                    nanoseconds += long.Parse(schedstat.AsSpan(0, schedstat.IndexOf(' ')));
                }
            }
        }
        catch (IOException)
        {
            // The thread or the process ended meanwhile.
        }
        catch (UnauthorizedAccessException)
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.FromTicks(nanoseconds / 100);
    }
}
