using Grpc.AspNetCore.Server.Model;

namespace StreamJobs.Host.Ingest.OtlpGrpc;

/// <summary>Registers <see cref="OtlpTraceService.Export"/> by hand: no generated OTLP service base exists here, and none is needed.</summary>
internal sealed class OtlpTraceServiceMethods : IServiceMethodProvider<OtlpTraceService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<OtlpTraceService> context) =>
        context.AddUnaryMethod(OtlpTraceService.Export, [], (service, request, call) => service.ExportAsync(request, call));
}
