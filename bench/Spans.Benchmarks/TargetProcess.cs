using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace StreamJobs.Spans.Benchmarks;

/// <summary>
/// A process under load (the host, or the parse-only limit) on a free loopback port, plus a second one for OTLP/gRPC
/// (HTTP/2 without TLS needs a port of its own), with its CPU time.
/// </summary>
internal sealed class TargetProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private TargetProcess(Process process, int port, int grpcPort)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
    }

    public Uri BaseAddress { get; }

    public Uri GrpcAddress { get; }

    public static TargetProcess StartHost(string workingDirectory, int shards, bool store) => Start(workingDirectory,
        Path.Combine(AppContext.BaseDirectory, "streamjobs.dll"), (port, grpcPort) =>
        [
            "run",
            $"--StreamJobs:Http:Urls=http://127.0.0.1:{port}",
            $"--StreamJobs:Listeners:OtlpGrpc=http://127.0.0.1:{grpcPort}",
            "--StreamJobs:Flows:UdpPort=0",
            $"--StreamJobs:Jobs:span-buffer:Shards={shards}",
            $"--StreamJobs:Jobs:tail-sampler:Shards={shards}",
            "--Logging:LogLevel:Default=Warning",
            $"--StreamJobs:TraceStore:Enabled={(store ? "true" : "false")}",
        ]);

    public static TargetProcess StartParseOnly(string workingDirectory) => Start(workingDirectory,
        Path.Combine(AppContext.BaseDirectory, "Spans.Benchmarks.dll"), (port, grpcPort) => ["--parse-only", port.ToString(System.Globalization.CultureInfo.InvariantCulture), grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    private static TargetProcess Start(string workingDirectory, string dll, Func<int, int, string[]> args)
    {
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} not found; build the benchmark first.");
        var (port, grpcPort) = (FreePort(), FreePort());
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var arg in args(port, grpcPort)) info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + dll);
        var target = new TargetProcess(process, port, grpcPort);
        process.OutputDataReceived += (_, e) => target.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => target.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return target;
    }

    /// <summary>User plus system CPU time of every thread so far.</summary>
    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public async Task WaitReadyAsync(HttpClient http, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException("the process exited:\n" + string.Join('\n', _lines));
            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/readyz"));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("not ready in time:\n" + string.Join('\n', _lines));
    }

    public async ValueTask DisposeAsync()
    {
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
        _lines.Enqueue(line);
        while (_lines.Count > 30) _lines.TryDequeue(out _);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
