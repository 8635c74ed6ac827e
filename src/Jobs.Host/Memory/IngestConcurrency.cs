using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace StreamJobs.Host.Memory;

/// <summary>
/// Bounds the ingest requests being read and decoded at once (<see cref="MemoryOptions.MaxConcurrentIngestRequests"/>).
/// The ingest queues bound what waits for the jobs, but each request in flight holds its body and its decoded records
/// before it reaches a queue, so without this many concurrent senders multiply the body limit. Past the limit a
/// request gets 429 with Retry-After at once (it is not queued), which Zipkin and OTLP senders retry.
/// </summary>
internal static class IngestConcurrency
{
    private static readonly string[] IngestPaths = ["/api/v2/spans", "/v1/traces", "/api/v1/flows", "/api/v1/ownership"];

    public static IServiceCollection AddIngestConcurrencyLimit(this IServiceCollection services, int limit) =>
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsIngest(context.Request)
                ? RateLimitPartition.GetConcurrencyLimiter("ingest", _ => new ConcurrencyLimiterOptions { PermitLimit = limit, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("other"));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (rejected, cancel) =>
            {
                rejected.HttpContext.RequestServices.GetRequiredService<HostMemoryMetrics>().Refused();
                rejected.HttpContext.Response.Headers.RetryAfter = "1";
                await rejected.HttpContext.Response.WriteAsJsonAsync(new
                {
                    error = $"too many ingest requests in flight on this node ({limit}, {MemoryOptions.Section}:MaxConcurrentIngestRequests); retry after 1 s",
                }, cancel);
            };
        });

    private static bool IsIngest(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && IngestPaths.Any(path => request.Path.Equals(path, StringComparison.OrdinalIgnoreCase));
}
