using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using System.Net;
using System.Net.Sockets;
using StreamJobs.Host.Taps;

namespace StreamJobs.Host.Tests.Taps.Support;

/// <summary>The real host, in process, on a free loopback port, running <see cref="ReadingsJob"/>.</summary>
public sealed class TapTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TapTestHost(WebApplication app, int port)
    {
        _app = app;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host; <paramref name="settings"/> are <c>Key=value</c> configuration entries.</summary>
    public static Task<TapTestHost> StartAsync(bool readings = true, bool schema = true, params string[] settings) =>
        StartAsync(readings, schema, labels: false, settings);

    /// <summary>As above; with <paramref name="labels"/> it also runs <see cref="BacktrackingLabelsJob"/>.</summary>
    public static async Task<TapTestHost> StartAsync(bool readings, bool schema, bool labels, params string[] settings)
    {
        var port = FreePort();
        var args = settings.Select(s => "--" + s).Append($"--StreamJobs:Http:Urls=http://127.0.0.1:{port}").ToArray();
        var app = StreamJobsHost.Build(args, demo: false, jobs =>
        {
            if (readings) jobs.AddJob<ReadingsJob>("readings");
            if (schema) jobs.Services.AddMqlSchema(ReadingSchema.Instance);
            if (labels) jobs.AddJob<BacktrackingLabelsJob>("labels");
        });
        await app.StartAsync();
        return new TapTestHost(app, port);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string Query(string mql, string extra = "") => "/taps/query?q=" + Uri.EscapeDataString(mql) + extra;

    /// <summary>Stops the host as SIGTERM would (ApplicationStopping, then the hosted services).</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
