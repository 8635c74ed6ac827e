using Microsoft.Extensions.Options;
using StreamJobs.Mql;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Host.Taps;

/// <summary>Registers the tap endpoints' services and the MQL schemas of published record types.</summary>
internal static class TapServiceCollectionExtensions
{
    /// <summary>Tap limits and token from <c>StreamJobs:Taps</c> (validated at start), fan-out, and the <see cref="Span"/> schema.</summary>
    public static IServiceCollection AddTaps(this IServiceCollection services)
    {
        services.AddOptions<TapOptions>().BindConfiguration(TapOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TapOptions>, TapOptionsValidator>();
        services.AddSingleton<MqlSchemaRegistry>();
        services.AddSingleton<TapSlots>();
        services.AddSingleton<TapWorkers>();
        services.AddSingleton<TapMetrics>();
        services.AddSingleton<ReplicaResolver>();
        services.AddSingleton<TapFanout>();
        return services.AddMqlSchema(SpanSchema.Instance);
    }

    /// <summary>
    /// Declares how MQL reads records of type <typeparamref name="T"/> on any named stream; register it next to the
    /// job that publishes the type. Without one, taps fall back to querying each record's System.Text.Json form.
    /// </summary>
    public static IServiceCollection AddMqlSchema<T>(this IServiceCollection services, MqlSchema<T> schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return services.AddSingleton(new MqlSchemaRegistration(typeof(T), schema));
    }
}
