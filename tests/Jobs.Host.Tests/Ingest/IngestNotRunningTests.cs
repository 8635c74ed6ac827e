using System.Net;
using System.Text;
using Grpc.Core;
using StreamJobs.Host.Tests.Support;

namespace StreamJobs.Host.Tests.Ingest;

/// <summary>An ingest endpoint whose job is not running answers 503 with Retry-After, so senders come back.</summary>
public sealed class IngestNotRunningTests
{
    [Theory]
    [InlineData("/api/v2/spans", "[]", "span-ingest")]
    [InlineData("/v1/traces", "{}", "span-ingest")]
    [InlineData("/api/v1/flows", "[]", "flow-ingest")]
    [InlineData("/api/v1/ownership", "[]", "flow-ingest")]
    public async Task A_disabled_ingest_job_answers_503_with_Retry_After_and_a_message(string path, string body, string job)
    {
        var host = await InProcessHost.StartAsync($"--StreamJobs:Jobs:{job}:Enabled=false");

        using (var response = await host.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
            Assert.Contains("not running", await response.Content.ReadAsStringAsync());
        }

        // The jobs fed by the disabled one subscribe to a stream nobody publishes: the drain ends it instead of
        // waiting out StreamJobs:DrainTimeout (25 s) for it.
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await host.DisposeAsync();
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {stopping.Elapsed}");
    }

    [Fact]
    public async Task A_disabled_span_ingest_answers_otlp_grpc_with_unavailable_and_retry_info()
    {
        var grpcPort = HostProcess.FreePort();
        await using var host = await InProcessHost.StartAsync("--StreamJobs:Jobs:span-ingest:Enabled=false", $"--StreamJobs:Listeners:OtlpGrpc=http://127.0.0.1:{grpcPort}");
        using var client = new OtlpGrpcClient(grpcPort);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.ExportAsync(OtlpRequests.OneSpan("5b8efff798038103d269b633813fc60c", "api")));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("not running", error.Status.Detail);
        Assert.NotNull(error.GetRpcStatus()?.GetDetail<Google.Rpc.RetryInfo>());
    }
}
