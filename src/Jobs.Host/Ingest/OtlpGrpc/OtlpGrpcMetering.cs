using Microsoft.AspNetCore.Http.Features;
using StreamJobs.Host.Listeners;

namespace StreamJobs.Host.Ingest.OtlpGrpc;

/// <summary>
/// Counts the OTLP/gRPC calls that end before <see cref="OtlpTraceService"/> sees them (a frame over
/// MaxReceiveMessageSize, a body over the limit after decompression, corrupt gzip, a bad content type), so every
/// call shows in <c>streamjobs.ingest.requests</c> under the HTTP status its gRPC code stands for.
/// </summary>
internal static class OtlpGrpcMetering
{
    public static void UseOtlpGrpcMetering(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<IngestMetrics>();
        app.Use(async (context, next) =>
        {
            await next(context);
            if (!context.Request.Path.Equals(ListenerKind.OtlpGrpc.Path, StringComparison.Ordinal) || context.Items.ContainsKey(OtlpTraceService.Counted)) return;
            // A call that failed before any message carries its status in the headers (trailers-only), else in the trailers.
            var code = context.Response.Headers["grpc-status"].ToString();
            if (code.Length == 0) code = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers["grpc-status"].ToString() ?? "";
            if (code.Length == 0) return; // answered over plain HTTP (e.g. the ingest concurrency limit), counted there
            metrics.Request(OtlpTraceService.Protocol, code switch
            {
                "0" => 200,
                "3" => 400,
                "8" => 413, // only size limits end a call with RESOURCE_EXHAUSTED before the service runs
                "12" => 404,
                "14" => 503,
                _ => 500,
            });
        });
    }
}
