using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using StreamJobs.Acknowledgement;
using StreamJobs.Metrics;
using StreamJobs.NamedStreams;
using StreamJobs.Streams;

namespace StreamJobs.Hosting;

/// <summary>Adds the StreamJobs runtime to a host.</summary>
public static class StreamJobsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the job runner, named streams and metrics; engine settings bind from the <c>StreamJobs</c> section and
    /// each job's parameters from <c>StreamJobs:Jobs:&lt;job&gt;</c>. Calling it again returns the same registrations.
    /// Jobs run on the host's <see cref="ActorSystem"/>: one is added through Akka.Hosting unless the host already
    /// registered its own (call <c>AddAkka</c> before this then).
    /// </summary>
    public static StreamJobsBuilder AddStreamJobs(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(JobCatalog))?.ImplementationInstance as JobCatalog;
        if (existing is not null) return new StreamJobsBuilder(services, existing);

        var catalog = new JobCatalog();
        services.AddSingleton(catalog);
        services.AddOptions<StreamJobsOptions>().BindConfiguration(StreamJobsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NamedStreamRegistry>();
        services.TryAddSingleton<StreamMetrics>();
        services.TryAddSingleton<IDeadLetterSink>(sp => new DeadLetterLog(256, sp.GetRequiredService<ILoggerFactory>().CreateLogger("StreamJobs.DeadLetters")));
        services.TryAddSingleton<ReceiptHandoff>();
        // Before the runner's hosted service: hosted services stop in reverse order, so jobs drain while Akka still runs.
        if (!services.Any(d => d.ServiceType == typeof(ActorSystem)))
        {
            services.AddAkka("streamjobs", akka => akka
                .AddHocon(EngineConfig.Akka, HoconAddMode.Prepend)
                .ConfigureLoggers(loggers =>
                {
                    loggers.LogLevel = Akka.Event.LogLevel.WarningLevel;
                    loggers.ClearLoggers();
                    loggers.AddLoggerFactory();
                }));
        }
        services.TryAddSingleton<JobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        return new StreamJobsBuilder(services, catalog);
    }
}
