using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace StreamJobs.Host.Tests.Support;

/// <summary>The <c>streamjobs</c> worker started as a real process on a free loopback port.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private HostProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
    }

    public int Port { get; }

    public HttpClient Http { get; }

    public IReadOnlyCollection<string> Output => _output;

    public IReadOnlyCollection<string> Errors => _errors;

    public static HostProcess Start(string workingDirectory, params string[] args) =>
        Launch(workingDirectory, FreePort(), bindLoopback: true, new Dictionary<string, string>(), args);

    /// <summary>
    /// Starts the worker without its loopback URL argument: the caller binds <paramref name="port"/> itself through
    /// <paramref name="args"/> or <paramref name="environment"/>. <see cref="Http"/> still talks to 127.0.0.1.
    /// </summary>
    public static HostProcess StartUnbound(string workingDirectory, int port, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Launch(workingDirectory, port, bindLoopback: false, environment, args);

    private static HostProcess Launch(string workingDirectory, int port, bool bindLoopback, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "streamjobs.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        if (bindLoopback) info.ArgumentList.Add($"--StreamJobs:Http:Urls=http://127.0.0.1:{port}");
        foreach (var (name, value) in environment) info.Environment[name] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start streamjobs");
        var host = new HostProcess(process, port);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) host._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) host._errors.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    public async Task<bool> WaitForHttpAsync(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await Http.GetAsync(path);
                if (response.IsSuccessStatusCode) return true;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        return false;
    }

    /// <summary>Waits for the process to exit by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The process's resident set size now, read from /proc (Linux).</summary>
    public long ResidentBytes()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    /// <summary>Kills the process at once (SIGKILL): no drain, no last commit, as a crash or an OOM kill would.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Sends SIGTERM, as Kubernetes and Ctrl-C (SIGINT) do.</summary>
    public void Terminate() => Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();

    /// <summary>Freezes the process for a while (SIGSTOP, then SIGCONT), as a node starved of CPU or in a long GC looks to its clients.</summary>
    public async Task StallAsync(TimeSpan duration)
    {
        Process.Start("kill", ["-STOP", _process.Id.ToString()])!.WaitForExit();
        try
        {
            await Task.Delay(duration);
        }
        finally
        {
            Process.Start("kill", ["-CONT", _process.Id.ToString()])!.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
