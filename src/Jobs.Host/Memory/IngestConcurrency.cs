using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using StreamJobs.Host.Ingest;

namespace StreamJobs.Host.Memory;

/// <summary>
/// Bounds the ingest requests being read and decoded at once (<see cref="MemoryOptions.MaxConcurrentIngestRequests"/>).
/// The ingest queues bound what waits for the jobs, but each request in flight holds its body and its decoded records
/// before it reaches a queue, so without this many concurrent senders multiply the body limit. Past the limit a
/// request gets 429 with Retry-After at once (it is not queued), which Zipkin and OTLP senders retry; its body is read
/// and dropped first (<see cref="UnreadBody"/>), so the sender reads that answer instead of a reset connection.
/// The limit is a named policy that the ingest endpoints require, so it applies to whatever path routing matched
/// (a trailing slash, a different case) and a new ingest endpoint opts in where it is mapped.
/// </summary>
internal static class IngestConcurrency
{
    /// <summary>The rate-limiter policy every ingest endpoint requires (<c>.RequireRateLimiting(Policy)</c>).</summary>
    public const string Policy = "ingest";

    public static IServiceCollection AddIngestConcurrencyLimit(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (rejected, cancel) =>
            {
                var services = rejected.HttpContext.RequestServices;
                services.GetRequiredService<HostMemoryMetrics>().Refused();
                var memory = services.GetRequiredService<IOptions<MemoryOptions>>().Value;
                var limit = memory.MaxConcurrentIngestRequests;
                await UnreadBody.DiscardAsync(rejected.HttpContext, memory.IngestBodyTimeout, cancel);
                rejected.HttpContext.Response.Headers.RetryAfter = "1";
                await rejected.HttpContext.Response.WriteAsJsonAsync(new
                {
                    error = $"too many ingest requests in flight on this node ({limit}, {MemoryOptions.Section}:MaxConcurrentIngestRequests); retry after 1 s",
                }, cancel);
            };
        });
        // One limiter shared by every endpoint that requires the policy, sized from the validated options.
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<MemoryOptions>>((options, memory) =>
        {
            var permits = memory.Value.MaxConcurrentIngestRequests;
            options.AddPolicy<string>(Policy, _ => RateLimitPartition.GetConcurrencyLimiter(Policy,
                _ => new ConcurrencyLimiterOptions { PermitLimit = permits, QueueLimit = 0 }));
        });
        return services;
    }
}
