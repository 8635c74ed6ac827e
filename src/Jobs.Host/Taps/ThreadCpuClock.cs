using System.Diagnostics;
using System.Runtime.InteropServices;

namespace StreamJobs.Host.Taps;

/// <summary>
/// CPU time the calling thread has used, in nanoseconds (Linux: <c>CLOCK_THREAD_CPUTIME_ID</c>). Elsewhere, or
/// when the call is unavailable, wall time stands in, which is never less.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;
    private static bool s_native = OperatingSystem.IsLinux() && Environment.Is64BitProcess;

    public static long NowNanoseconds()
    {
        if (s_native)
        {
            try
            {
                if (ClockGetTime(ClockThreadCpuTimeId, out var time) == 0) return time.Seconds * 1_000_000_000 + time.Nanoseconds;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
            }
            s_native = false;
        }
        return (long)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
