using System.Net;
using System.Net.Sockets;
using StreamJobs.Host.Tests.Support;

namespace StreamJobs.Host.Tests.Hostile;

/// <summary>One demo host process (spans, flows, taps, UDP) that the hostile-input tests share.</summary>
public sealed class HostileHost : IAsyncLifetime
{
    /// <summary>Synthetic traces per second: low enough that the generator is never CPU-bound on a 2-core runner,
    /// so a drop in its rate means the host stalled, not that the tests took its CPU.</summary>
    public const int TracesPerSecond = 200;

    private readonly string _workDir = Directory.CreateTempSubdirectory("streamjobs-hostile-").FullName;

    public HostProcess Process { get; private set; } = null!;

    public int UdpPort { get; } = FreeUdpPort();

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public async Task InitializeAsync()
    {
        Process = HostProcess.Start(_workDir, "demo",
            $"--StreamJobs:Jobs:demo-traffic:TracesPerSecond={TracesPerSecond}",
            $"--StreamJobs:Flows:UdpPort={UdpPort}",
            "--StreamJobs:Demo:Duration=00:30:00");
        Assert.True(await Process.WaitForHttpAsync("/readyz", TimeSpan.FromSeconds(60)), "the host never became ready: " + string.Join("\n", Process.Errors));
        Http.BaseAddress = Process.Http.BaseAddress;
    }

    public async Task<double> SpansGeneratedAsync() => MetricsText.RecordsOut(await Http.GetStringAsync("/metrics"), "demo-traffic", "synthetic-spans");

    public async Task<string> MetricsAsync() => await Http.GetStringAsync("/metrics");

    /// <summary>Fails with the host's own log when it is gone or no longer answers its liveness probe.</summary>
    public async Task AssertAliveAsync(string after)
    {
        Assert.False(Process.HasExited, $"the host exited after {after}:\n" + Log);
        using var response = await Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public string Log => string.Join("\n", Process.Errors.TakeLast(40));

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync();
        Directory.Delete(_workDir, recursive: true);
    }

    private static int FreeUdpPort()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }
}
