using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StreamJobs.Host.Listeners;
using StreamJobs.Host.Memory;

namespace StreamJobs.Host.Ingest.OtlpGrpc;

/// <summary>Wires OTLP/gRPC span ingest: the gRPC server with the span ingest body limit, and the Export method.</summary>
internal static class OtlpGrpcIngest
{
    public static IServiceCollection AddOtlpGrpcIngest(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection("StreamJobs:Jobs:span-ingest").Get<SpanIngestParameters>() ?? new SpanIngestParameters();
        services.AddGrpc(options =>
        {
            // The compressed frame; after decompression BoundedGzipProvider applies the same limit.
            options.MaxReceiveMessageSize = limits.MaxRequestBytes;
            options.EnableDetailedErrors = false;
        });
        services.AddOptions<GrpcServiceOptions>().Configure<SpanIngestGate>((options, gate) =>
        {
            options.CompressionProviders.Clear();
            options.CompressionProviders.Add(new BoundedGzipProvider(gate));
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<OtlpTraceService>, OtlpTraceServiceMethods>());
        return services;
    }

    /// <summary>Maps Export, and counts its calls, when the OTLP/gRPC listener is on (gRPC needs that HTTP/2 port; the operations port speaks HTTP/1.1).</summary>
    public static void MapOtlpGrpcIngest(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<ListenerPlan>().Listeners.ContainsKey(ListenerKind.OtlpGrpc)) return;
        app.UseOtlpGrpcMetering();
        app.MapGrpcService<OtlpTraceService>().RequireRateLimiting(IngestConcurrency.Policy);
    }
}
