using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace StreamJobs.Host.Tests.Support;

/// <summary>The worker built as in production, listening on a free loopback port, with a capture of sampled traces.</summary>
public sealed class InProcessHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessHost(WebApplication app, int port)
    {
        _app = app;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public SampledTraceCapture Sampled => _app.Services.GetRequiredService<SampledTraceCapture>();

    public T Service<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public static async Task<InProcessHost> StartAsync(params string[] settings)
    {
        var port = FreePort();
        // Each host its own trace store file, so hosts of parallel tests never share stored traces.
        var data = Directory.CreateTempSubdirectory("streamjobs-host-").FullName;
        string[] args =
        [
            $"--StreamJobs:Http:Urls=http://127.0.0.1:{port}",
            $"--StreamJobs:TraceStore:Path={Path.Combine(data, "traces.db")}",
            "--StreamJobs:Jobs:span-buffer:QuietWait=00:00:00.300",
            "--StreamJobs:Jobs:span-buffer:TickInterval=00:00:00.050",
            "--StreamJobs:Jobs:tail-sampler:Policies:0:Type=error",
            "--StreamJobs:Jobs:tail-sampler:Policies:0:Name=errors",
            "--StreamJobs:Jobs:tail-sampler:Policies:1:Type=mql",
            "--StreamJobs:Jobs:tail-sampler:Policies:1:Name=checkout",
            "--StreamJobs:Jobs:tail-sampler:Policies:1:Expression=rootService == 'checkout'",
            .. settings,
        ];
        var app = StreamJobsHost.Build(args, demo: false, jobs =>
        {
            jobs.Services.AddSingleton<SampledTraceCapture>();
            jobs.AddJob<SampledTraceCapture.Job>("capture");
        });
        await app.StartAsync();
        return new InProcessHost(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
