using System.Net;
using System.Text;
using StreamJobs.Host.Tests.Support;

namespace StreamJobs.Host.Tests.Memory;

/// <summary>The ingest concurrency limit holds on every path routing sends to an ingest endpoint.</summary>
public sealed class IngestConcurrencyTests
{
    [Theory]
    [InlineData("/api/v2/spans/")]
    [InlineData("/v1/traces/")]
    [InlineData("/api/v1/flows/")]
    [InlineData("/api/v1/ownership/")]
    [InlineData("/API/V2/SPANS")]
    public async Task While_the_only_permit_is_held_another_spelling_of_an_ingest_path_is_refused_429(string path)
    {
        await using var host = await InProcessHost.StartAsync("--StreamJobs:Memory:MaxConcurrentIngestRequests=1");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new List<Task<HttpResponseMessage>>();

        // A held request has the permit once the server routed it; poll the plain path until it is refused. A probe
        // that reaches the server first takes the permit and the held request is refused (its client only sees that
        // once its body is done), so every tenth probe sends another held request.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var plain = HttpStatusCode.Accepted;
        for (var probes = 0; plain != HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline; probes++)
        {
            if (probes % 10 == 0)
            {
                var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                held.Add(host.Http.PostAsync("/api/v2/spans", new HeldContent(started, release.Task)));
                await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
                await Task.Delay(50);
            }
            using var probe = await host.Http.PostAsync("/api/v2/spans", Json("[]"));
            plain = probe.StatusCode;
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, plain);

        using var other = await host.Http.PostAsync(path, Json(path.Contains("traces") ? "{}" : "[]"));
        Assert.Equal(HttpStatusCode.TooManyRequests, other.StatusCode);
        Assert.NotNull(other.Headers.RetryAfter);
        Assert.Contains("MaxConcurrentIngestRequests", await other.Content.ReadAsStringAsync());

        release.SetResult();
        var finished = await Task.WhenAll(held).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains(finished, response => response.StatusCode == HttpStatusCode.Accepted);
        foreach (var response in finished) response.Dispose();
        using var after = await host.Http.PostAsync(path, Json(path.Contains("traces") ? "{}" : "[]"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, after.StatusCode);
    }

    [Theory]
    [InlineData("/api/v2/spans")]
    [InlineData("/api/v1/flows")]
    public async Task A_body_that_trickles_past_IngestBodyTimeout_gets_408_and_frees_its_permit(string path)
    {
        await using var host = await InProcessHost.StartAsync("--StreamJobs:Memory:MaxConcurrentIngestRequests=1", "--StreamJobs:Memory:IngestBodyTimeout=00:00:01");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowPost = host.Http.PostAsync(path, new HeldContent(started, release.Task));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // Past the timeout the trickling request no longer holds the only permit.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using (var next = await host.Http.PostAsync(path, Json("[]")))
            Assert.NotEqual(HttpStatusCode.TooManyRequests, next.StatusCode);

        release.SetResult();
        using var slow = await slowPost.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(HttpStatusCode.RequestTimeout, slow.StatusCode);
        Assert.Contains("IngestBodyTimeout", await slow.Content.ReadAsStringAsync());
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A JSON body that sends its first byte, then waits before sending the rest: the request stays in the handler.</summary>
    private sealed class HeldContent : HttpContent
    {
        private readonly TaskCompletionSource _started;
        private readonly Task _release;

        public HeldContent(TaskCompletionSource started, Task release)
        {
            _started = started;
            _release = release;
            Headers.ContentType = new("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync("["u8.ToArray());
            await stream.FlushAsync();
            _started.TrySetResult();
            await _release;
            await stream.WriteAsync("]"u8.ToArray());
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
