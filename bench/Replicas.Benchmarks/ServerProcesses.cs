using System.Diagnostics;

namespace StreamJobs.Replicas.Benchmarks;

/// <summary>
/// The broker's and ZooKeeper's JVMs as the scripts started them (their pid files under <c>STATE_DIR</c>, default
/// <c>.state</c> in the repository), only read: their CPU time shows what the replicas share the cores with. Missing
/// pid files (servers started some other way) just leave the column empty.
/// </summary>
internal static class ServerProcesses
{
    private static readonly int[] Pids = new[] { "kafka.pid", "zookeeper.pid" }.Select(ReadPid).Where(pid => pid > 0).ToArray();

    public static bool Known => Pids.Length > 0;

    /// <summary>CPU time used so far by the broker and ZooKeeper together.</summary>
    public static TimeSpan Cpu
    {
        get
        {
            var total = TimeSpan.Zero;
            foreach (var pid in Pids)
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    total += process.TotalProcessorTime;
                }
                catch (Exception gone) when (gone is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                }
            }
            return total;
        }
    }

    private static int ReadPid(string file)
    {
        var state = Environment.GetEnvironmentVariable("STATE_DIR") is { Length: > 0 } dir ? dir : Path.Combine(RepoRoot.Path, ".state");
        var path = Path.Combine(state, "kafka", file);
        return File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), out var pid) ? pid : 0;
    }
}
