using System.Diagnostics;

namespace StreamJobs.Replicas.Benchmarks;

/// <summary>This process's CPU time, every thread included (the baseline's cost, next to the replicas' own).</summary>
internal static class ProcessCpu
{
    public static TimeSpan Current
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }
    }
}
