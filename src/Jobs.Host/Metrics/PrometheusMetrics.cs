using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace StreamJobs.Host.Metrics;

/// <summary>
/// <c>/metrics</c> through the OpenTelemetry Prometheus exporter: every instrument of the StreamJobs meters, named as
/// before (dots to underscores, <c>_total</c> on counters, no suffix for <c>{annotation}</c> units). The exporter adds
/// an <c>otel_scope_name</c> label (the meter) to each series and a <c>target_info</c> family (docs/operations.md).
/// The runtime's <c>System.Runtime</c> meter is served beside them (<c>dotnet_*</c>).
/// </summary>
internal static class PrometheusMetrics
{
    /// <summary>The service name <c>target_info</c> carries.</summary>
    public const string ServiceName = "streamjobs";

    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
                .AddMeter("StreamJobs*")
                // .NET's own: GC (allocated bytes, pause time, collections), CPU time, thread pool, exceptions.
                .AddMeter("System.Runtime")
                // Every scrape reads the instruments now: the exporter's default would answer from a 300 ms old copy.
                .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }
}
