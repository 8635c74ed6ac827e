using System.Diagnostics;

namespace StreamJobs.FlowEnricher.Benchmarks;

/// <summary>
/// Process CPU time. On a shared, loaded machine the wall clock mostly measures how long the scheduler kept this
/// process off the cores; CPU time (GC and pool threads included) is the cost of the work itself.
/// </summary>
internal static class CpuClock
{
    public static TimeSpan Now
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }
    }
}
