using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;
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

    public static void MapOtlpGrpcIngest(this WebApplication app) =>
        app.MapGrpcService<OtlpTraceService>().RequireRateLimiting(IngestConcurrency.Policy);
}
