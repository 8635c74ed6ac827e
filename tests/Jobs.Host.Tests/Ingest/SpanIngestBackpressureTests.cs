using System.Net;
using System.Net.Sockets;
using System.Text;
using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using StreamJobs.Jobs;
using StreamJobs.Streams;
using StreamJobs.Host.Tests.Support;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Host.Tests.Ingest;

/// <summary>When the pipeline behind ingest stalls, ingest refuses with Retry-After (gRPC: RetryInfo) instead of buffering without bound.</summary>
public sealed class SpanIngestBackpressureTests
{
    private static readonly SemaphoreSlim Stalled = new(0);

    /// <summary>Subscribes to spans and never finishes its first batch until released: the whole path backs up.</summary>
    public sealed class StallJob : StreamJob
    {
        public override JobGraph Build(JobContext context) =>
            context.Subscribe<Span>("spans").To(Sink.ForEachBatch<Span>(async (_, ct) => await Stalled.WaitAsync(ct)));
    }

    [Fact]
    public async Task A_stalled_pipeline_makes_zipkin_and_otlp_answer_429_with_retry_after_then_recovers()
    {
        int port = FreePort(), grpcPort = FreePort();
        await using var app = StreamJobsHost.Build(
        [
            $"--StreamJobs:Http:Urls=http://127.0.0.1:{port}",
            $"--StreamJobs:Listeners:OtlpGrpc=http://127.0.0.1:{grpcPort}",
            "--StreamJobs:BufferBatches=1",
            "--StreamJobs:Jobs:span-ingest:QueueCapacity=2",
        ], demo: false, jobs => jobs.AddJob<StallJob>("stall"));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };

        HttpResponseMessage? refused = null;
        for (var i = 0; i < 500 && refused is null; i++)
        {
            var response = await http.PostAsync("/api/v2/spans", Zipkin(i));
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
            else Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        Assert.NotNull(refused);
        Assert.True(refused.Headers.RetryAfter is not null, "429 without Retry-After");

        const string otlpSpan = """
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"api"}}]},
             "scopeSpans":[{"spans":[{"traceId":"5af7183fb1d4cf5f00000000000000aa","spanId":"00000000000000aa","name":"GET /",
             "startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000001000000"}]}]}]}
            """;
        using var otlp = await http.PostAsync("/v1/traces", new StringContent(otlpSpan, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.TooManyRequests, otlp.StatusCode);
        Assert.True(otlp.Headers.RetryAfter is not null, "429 without Retry-After");
        Assert.Contains("\"code\":8", await otlp.Content.ReadAsStringAsync()); // RESOURCE_EXHAUSTED

        // OTLP/gRPC: RESOURCE_EXHAUSTED with google.rpc.RetryInfo in grpc-status-details-bin, as the OTLP spec asks.
        using (var grpc = new OtlpGrpcClient(grpcPort))
        {
            var full = await Assert.ThrowsAsync<RpcException>(() => grpc.ExportAsync(OtlpRequests.OneSpan("5af7183fb1d4cf5f00000000000000ab", "api")));
            Assert.Equal(StatusCode.ResourceExhausted, full.StatusCode);
            Assert.Contains("queue is full", full.Status.Detail);
            var retry = full.GetRpcStatus()?.GetDetail<RetryInfo>();
            Assert.NotNull(retry);
            Assert.Equal(TimeSpan.FromSeconds(1), retry.RetryDelay.ToTimeSpan());
        }

        Stalled.Release(10_000);
        var accepted = false;
        for (var i = 0; i < 100 && !accepted; i++)
        {
            using var response = await http.PostAsync("/api/v2/spans", Zipkin(1_000 + i));
            accepted = response.StatusCode == HttpStatusCode.Accepted;
            if (!accepted) await Task.Delay(50);
        }
        Assert.True(accepted, "ingest did not recover once the pipeline moved again");
        await app.StopAsync();
    }

    private static StringContent Zipkin(int n) => new(
        $$$"""[{"traceId":"{{{n + 1:x32}}}","id":"{{{n + 1:x16}}}","name":"GET /","timestamp":1700000000000000,"duration":10,"localEndpoint":{"serviceName":"api"}}]""",
        Encoding.UTF8, "application/json");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
