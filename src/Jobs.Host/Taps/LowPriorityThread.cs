using System.Runtime.InteropServices;

namespace StreamJobs.Host.Taps;

/// <summary>
/// Lowers the calling thread's scheduling priority. .NET ignores <see cref="Thread.Priority"/> on Linux, where the
/// nice value is per thread: <c>setpriority(PRIO_PROCESS, 0, 19)</c> sets it for the calling thread only, and
/// raising the nice value needs no privilege.
/// </summary>
internal static class LowPriorityThread
{
    private const int PrioProcess = 0;
    private const int Nicest = 19;

    /// <summary>True when the priority was lowered.</summary>
    public static bool Lower()
    {
        if (!OperatingSystem.IsLinux()) return OperatingSystem.IsWindows();
        try
        {
            return SetPriority(PrioProcess, 0, Nicest) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // no libc to call: the worker still keeps tap work off the thread pool
        }
    }

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);
}
