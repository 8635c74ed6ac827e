using System.Diagnostics;

namespace StreamJobs.Replicas.Benchmarks;

/// <summary>This process's CPU time, every thread but the JIT's (the baseline's cost, next to the replicas' own; see <see cref="JitThread"/>).</summary>
internal static class ProcessCpu
{
    public static TimeSpan Current
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime - JitThread.CpuOf(Environment.ProcessId);
        }
    }
}
