using System.Diagnostics;

namespace StreamJobs.Benchmarks;

/// <summary>
/// This process's CPU time (GC and pool threads included), less the runtime's background JIT thread. On a shared,
/// loaded machine the wall clock mostly measures how long the scheduler kept the process off the cores; CPU time is the
/// cost of the work itself. The JIT thread is left out because a short run keeps it busy for a share that varies by
/// the round (20-280 ms of a 450-1,000 ms flows engine round, whose actor system is built anew each round; 2-4% of a
/// fresh replica), while a long-running job pays it once.
/// </summary>
internal static class ProcessCpu
{
    public static TimeSpan Current
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime - ThreadCpu.Of(Environment.ProcessId, ThreadCpu.TieredJit);
        }
    }
}
