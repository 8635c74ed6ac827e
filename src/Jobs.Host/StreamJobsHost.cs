using StreamJobs.Hosting;
using StreamJobs.Host.Connectors;
using StreamJobs.Host.Console;
using StreamJobs.Host.Demo;
using StreamJobs.Host.Endpoints;
using StreamJobs.Host.Flows;
using StreamJobs.Host.Ingest;
using StreamJobs.Host.Ingest.OtlpGrpc;
using StreamJobs.Host.Listeners;
using StreamJobs.Host.Memory;
using OpenTelemetry.Metrics;
using StreamJobs.Host.Metrics;
using StreamJobs.Host.Plugins;
using StreamJobs.Host.Query;
using StreamJobs.Host.Taps;
using StreamJobs.Host.Ui;

namespace StreamJobs.Host;

/// <summary>Builds the worker: configuration (appsettings.json, environment, command line), jobs, endpoints.</summary>
internal static class StreamJobsHost
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args, bool demo, Action<StreamJobsBuilder>? addJobs = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ConnectorFlags.Expand(args), ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddEnvironmentVariables("STREAMJOBS_");
        var listeners = ListenerPlan.Read(builder.Configuration, DefaultUrls);
        builder.Services.AddSingleton(listeners);
        builder.WebHost.ConfigureKestrel(listeners.Bind);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        MemoryDefaults.Apply(builder.Configuration, builder.Configuration, MemoryBudget.Available);
        AddMemoryBounds(builder);

        var jobs = builder.Services.AddStreamJobs().AddTracePath();
        jobs.AddFlowPath(builder.Configuration, demo);
        jobs.AddConnectors(builder.Configuration, demo);
        jobs.AddTraceStore(builder.Configuration);
        builder.Services.AddPrometheusMetrics();
        builder.Services.AddOtlpGrpcIngest(builder.Configuration);
        builder.Services.AddTaps();
        builder.Services.AddSingleton<ListenAddresses>();
        builder.Services.AddSingleton<ExposureCheck>();
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        if (demo)
        {
            // The progress line is the demo's output; keep routine logs out of its way.
            builder.Logging.AddFilter("StreamJobs", LogLevel.Warning);
            builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
            jobs.AddJob<DemoTrafficJob>("demo-traffic").AddJob<SpanArchiveJob>("span-archive").AddJob<TraceArchiveJob>(TraceArchiveJob.Name);
            DemoDefaults.Apply(builder.Configuration);
            builder.Services.AddSingleton<ProgressReporter>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<ProgressReporter>());
            builder.Services.AddHostedService<DemoStopper>();
        }
        addJobs?.Invoke(jobs);
        var plugins = PluginLoader.LoadAll(PluginLoader.DirectoryFrom(builder.Configuration), jobs);
        builder.Services.AddSingleton(plugins);

        var app = builder.Build();
        foreach (var failed in plugins.Where(p => p.Error is not null))
            app.Logger.LogError("Plugin {Plugin} in {Path} was not loaded: {Error}", failed.Name, failed.Path, failed.Error);
        // Listening from here on, before any job starts: a counter's measurements before the provider exists are lost.
        app.Services.GetRequiredService<MeterProvider>();
        app.Services.GetRequiredService<HostMemoryMetrics>();
        app.Services.GetRequiredService<TapMetrics>(); // its series show from the start, not from the first tap
        if (listeners.Note is { } note) app.Logger.LogInformation("Listeners: {Note}.", note);
        var exposure = app.Services.GetRequiredService<ExposureCheck>();
        app.Lifetime.ApplicationStarted.Register(exposure.Run);
        app.UseOutOfMemoryAnswer();
        app.UseDedicatedPorts();
        app.UseOperatorAccess();
        app.UseRateLimiter();
        app.MapOperations();
        app.MapSpanIngest();
        app.MapOtlpGrpcIngest();
        app.MapFlowIngest();
        app.MapTaps();
        app.MapUi();
        app.MapZipkinQuery();
        return app;
    }

    private static void AddMemoryBounds(WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MemoryOptions>().BindConfiguration(MemoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<HostMemoryMetrics>();
        builder.Services.AddHostedService<IdleMemoryTrimmer>();
        builder.Services.AddIngestConcurrencyLimit();
    }
}
