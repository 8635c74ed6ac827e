using Microsoft.Extensions.Options;
using StreamJobs.Host.Ingest;

namespace StreamJobs.Host.Memory;

/// <summary>
/// The last line of the memory bounds: a request whose allocation hits the GC heap limit (the host caps the heap below
/// the container's limit, so this throws instead of the container being killed) gets 503 with Retry-After, like any
/// other overload answer, instead of a 500. The request's garbage is collectable at once; the node goes on.
/// The limit is usually hit while the body is still arriving, so the rest of it is read and dropped first
/// (<see cref="UnreadBody"/>): the sender then reads the 503 instead of a connection reset.
/// </summary>
internal static class OutOfMemoryAnswer
{
    public static IApplicationBuilder UseOutOfMemoryAnswer(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (OutOfMemoryException) when (!context.Response.HasStarted)
        {
            context.RequestServices.GetRequiredService<HostMemoryMetrics>().RanOutOfMemory();
            var memory = context.RequestServices.GetRequiredService<IOptions<MemoryOptions>>().Value;
            await UnreadBody.DiscardAsync(context, memory.IngestBodyTimeout, context.RequestAborted);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            await context.Response.WriteAsJsonAsync(new { error = "this node has no memory left for the request now (GC heap limit); retry after 1 s" });
        }
    });
}
