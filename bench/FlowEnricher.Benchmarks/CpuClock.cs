using System.Diagnostics;
using StreamJobs.Benchmarks;

namespace StreamJobs.FlowEnricher.Benchmarks;

/// <summary>
/// Process CPU time, less the runtime's background JIT thread. On a shared, loaded machine the wall clock mostly
/// measures how long the scheduler kept this process off the cores; CPU time (GC and pool threads included) is the
/// cost of the work itself. The JIT thread is left out because each round builds a new actor system, whose setup
/// code keeps reaching the JIT's promotion thresholds round after round: it took 20-280 ms of a 450-1,000 ms engine
/// round, varying by the round, and a long-running job pays it once.
/// </summary>
internal static class CpuClock
{
    public static TimeSpan Now
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime - ThreadCpu.Of(Environment.ProcessId, ThreadCpu.TieredJit);
        }
    }
}
