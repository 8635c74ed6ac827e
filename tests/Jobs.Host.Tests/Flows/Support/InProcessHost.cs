using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using StreamJobs.FlowEnricher;
using StreamJobs.Hosting;
using StreamJobs.Host.Flows;
using StreamJobs.Jobs;
using StreamJobs.Streams;

namespace StreamJobs.Host.Tests.Flows.Support;

/// <summary>The worker built and started in this process on free loopback ports, with a job collecting enriched flows.</summary>
internal sealed class InProcessHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessHost(WebApplication app, int httpPort, int udpPort, EnrichedFlowCollector collector)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(10) };
        Udp = new IPEndPoint(IPAddress.Loopback, udpPort);
        Enriched = collector;
    }

    public HttpClient Http { get; }

    public IPEndPoint Udp { get; }

    public EnrichedFlowCollector Enriched { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<InProcessHost> StartAsync(params string[] settings) => StartAsync(null, settings);

    public static async Task<InProcessHost> StartAsync(Action<StreamJobsBuilder>? moreJobs, params string[] settings)
    {
        int httpPort = FreeTcpPort(), udpPort = FreeUdpPort();
        var collector = new EnrichedFlowCollector();
        string[] args = [$"--StreamJobs:Http:Urls=http://127.0.0.1:{httpPort}", $"--StreamJobs:Flows:UdpPort={udpPort}", .. settings];
        var app = StreamJobsHost.Build(args, demo: false, jobs =>
        {
            jobs.Services.AddSingleton(collector);
            jobs.AddJob<CollectEnrichedFlowsJob>("collect-enriched");
            moreJobs?.Invoke(jobs);
        });
        await app.StartAsync();
        var bound = await app.Services.GetRequiredService<FlowUdpListener>().Bound.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(bound);
        return new InProcessHost(app, httpPort, udpPort, collector);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Keeps every enriched flow the host publishes.</summary>
    internal sealed class EnrichedFlowCollector
    {
        public ConcurrentQueue<EnrichedFlow> Flows { get; } = new();
    }

    /// <summary>An in-process subscriber of <c>enriched-flows</c>.</summary>
    internal sealed class CollectEnrichedFlowsJob(EnrichedFlowCollector collector) : StreamJob
    {
        public override JobGraph Build(JobContext context) =>
            JobGraph.From(context.Subscribe<EnrichedFlow>(FlowEnricherJob.OutputStream).To(Sink.ForEach<EnrichedFlow>(collector.Flows.Enqueue)));
    }
}
