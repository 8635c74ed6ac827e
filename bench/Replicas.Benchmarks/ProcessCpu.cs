using System.Diagnostics;
using StreamJobs.Benchmarks;

namespace StreamJobs.Replicas.Benchmarks;

/// <summary>
/// This process's CPU time, every thread but the runtime's background JIT thread (the baseline's cost, next to the
/// replicas' own). Every replica is a fresh process whose JIT thread is still busy in the steady phase, while the
/// baseline loop runs warm here after its first round; both leave it out, as a long-running replica pays it once.
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
