using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StreamJobs.Benchmarks;

namespace StreamJobs.Replicas.Benchmarks;

/// <summary>
/// One <c>streamjobs</c> replica: the host built next to this benchmark (<c>streamjobs.dll</c>), started as its own
/// process on a free loopback port, with the last lines of its output kept for error messages. It follows the Kafka
/// source's "Kafka group …: assigned / revoked / lost …" log lines to know how many partitions the replica holds.
/// </summary>
internal sealed class ReplicaProcess : IAsyncDisposable
{
    private const int KeptLines = 40;
    private static readonly ConcurrentDictionary<ReplicaProcess, bool> Running = new();
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private int _assigned;
    private int _assignments;

    private ReplicaProcess(Process process) => _process = process;

    /// <param name="workingDirectory">Where the replica writes its data.</param>
    /// <param name="args">The host's command line.</param>
    /// <param name="hostDirectory">The build to run; by default the one next to this benchmark.</param>
    /// <param name="environment">Environment variables to set for it, beyond this process's own.</param>
    public static ReplicaProcess Start(string workingDirectory, IEnumerable<string> args, string? hostDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var host = Path.Combine(hostDirectory ?? AppContext.BaseDirectory, "streamjobs.dll");
        if (!File.Exists(host)) throw new BenchmarkException($"{host} not found; build the benchmark (it references src/Jobs.Host, whose output lands next to it), or pass a folder holding a build to --compare-host.");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        info.ArgumentList.Add(host);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.ArgumentList.Add($"--StreamJobs:Http:Urls=http://127.0.0.1:{FreePort()}");
        var process = Process.Start(info) ?? throw new BenchmarkException("could not start streamjobs");
        var replica = new ReplicaProcess(process);
        Running[replica] = true;
        process.OutputDataReceived += (_, e) => replica.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => replica.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return replica;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time used so far (user + system, every thread); zero once the process is gone.</summary>
    /// <remarks>Includes <see cref="JitCpu"/>; the results subtract it.</remarks>
    public TimeSpan Cpu
    {
        get
        {
            try
            {
                _process.Refresh();
                return _process.TotalProcessorTime;
            }
            catch (Exception gone) when (gone is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                return TimeSpan.Zero;
            }
        }
    }

    /// <summary>CPU time of the process's background JIT thread so far (see <see cref="ProcessCpu"/>).</summary>
    public TimeSpan JitCpu => ThreadCpu.Of(_process.Id, ThreadCpu.TieredJit);

    public string Tail => string.Join('\n', _lines);

    /// <summary>Partitions the replica holds now, as its last assignment or revocation said.</summary>
    public int AssignedPartitions => Volatile.Read(ref _assigned);

    /// <summary>How many assignments the replica received (1 without rebalances after the first join).</summary>
    public int Assignments => Volatile.Read(ref _assignments);

    /// <summary>SIGTERM (a graceful stop: drain, last commit, leave the group), then SIGKILL after <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
        {
            kill?.WaitForExit();
        }
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"replica {_process.Id} did not stop within {timeout.TotalSeconds:F0} s; killing it");
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Kills every replica still running (Ctrl-C on the benchmark must not leave members in the group).</summary>
    public static void KillAll()
    {
        foreach (var replica in Running.Keys)
        {
            try
            {
                if (!replica._process.HasExited) replica._process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Running.TryRemove(this, out _);
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        if (line.Contains("Kafka group ", StringComparison.Ordinal))
        {
            if (line.Contains(": assigned ", StringComparison.Ordinal))
            {
                // "Kafka group g: assigned topic [[0]], topic [[3]]": the partitions added (cooperative assignment is
                // incremental; an eager one revokes everything first, so adding works for both).
                Interlocked.Add(ref _assigned, line.Split("[[").Length - 1);
                Interlocked.Increment(ref _assignments);
            }
            else if (line.Contains(": revoked ", StringComparison.Ordinal) || line.Contains(": lost ", StringComparison.Ordinal))
            {
                Interlocked.Add(ref _assigned, -(line.Split("[[").Length - 1));
            }
        }
        _lines.Enqueue(line);
        while (_lines.Count > KeptLines) _lines.TryDequeue(out _);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
