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
        services.TryAddSingleton<JobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        return new StreamJobsBuilder(services, catalog);
    }
}
