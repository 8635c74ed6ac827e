using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StreamJobs.Host.Memory;

namespace StreamJobs.Host.Tests.Memory;

/// <summary>A request that hits the GC heap limit gets 503 with Retry-After, after the rest of its body was read.</summary>
public sealed class OutOfMemoryAnswerTests
{
    [Fact]
    public async Task A_request_that_runs_out_of_memory_part_way_through_its_body_gets_503_once_the_body_is_read()
    {
        using var services = new ServiceCollection().AddOptions().Configure<MemoryOptions>(_ => { }).AddSingleton<HostMemoryMetrics>().BuildServiceProvider();
        var app = new ApplicationBuilder(services);
        app.UseOutOfMemoryAnswer();
        app.Run(async context =>
        {
            await context.Request.Body.ReadExactlyAsync(new byte[64 * 1024]);
            throw new OutOfMemoryException("the heap limit, part-way through the body");
        });
        var body = new MemoryStream(new byte[2 * 1024 * 1024]);
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Method = "POST";
        http.Request.Body = body;
        http.Request.ContentLength = body.Length;
        http.Response.Body = new MemoryStream();

        await app.Build()(http);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.Equal("1", http.Response.Headers.RetryAfter.ToString());
        // Left unread, Kestrel drains it after the answer for at most 5 s; a stalled node then resets the sender.
        Assert.Equal(body.Length, body.Position);
        Assert.Equal(1, services.GetRequiredService<HostMemoryMetrics>().OutOfMemory);
    }
}
