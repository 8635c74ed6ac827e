using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text;
using System.Text.Json;
using StreamJobs.Host.Flows;
using StreamJobs.Host.Tests.Flows.Support;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.Host.Tests.Flows;

public sealed class FlowIngestEndpointsTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Good_flows_are_accepted_and_a_bad_record_is_named_while_the_good_ones_are_kept()
    {
        await using var host = await InProcessHost.StartAsync();
        long start = FlowSamples.NowMs - 60_000;
        var good = Encoding.UTF8.GetString(FlowJsonBatchEncoder.ToUtf8([FlowSamples.Flow("10.0.0.1", "203.0.113.7", start)]));

        using var accepted = await host.Http.PostAsync("/api/v1/flows", Json(good));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(1, (await BodyAsync(accepted)).GetProperty("accepted").GetInt32());

        var mixed = good.TrimEnd(']') + $",{{\"localIp\":\"10.0.0.2\",\"remoteIp\":\"10.0.0.3\",\"localPort\":70000,\"remotePort\":1,\"startMs\":{start},\"endMs\":{start}}}]";
        using var partly = await host.Http.PostAsync("/api/v1/flows", Json(mixed));
        var body = await BodyAsync(partly);
        Assert.Equal(HttpStatusCode.BadRequest, partly.StatusCode);
        Assert.Equal((1, 1), (body.GetProperty("accepted").GetInt32(), body.GetProperty("rejected").GetInt32()));
        var error = body.GetProperty("errors")[0];
        Assert.Equal((1, "localPort"), (error.GetProperty("index").GetInt32(), error.GetProperty("field").GetString()));

        var metrics = host.Services.GetRequiredService<FlowIngestMetrics>();
        Assert.Equal((2L, 1L), (metrics.HttpFlows, metrics.HttpFlowsRejected));
    }

    [Fact]
    public async Task Broken_json_and_bad_ownership_events_answer_400_with_positions()
    {
        await using var host = await InProcessHost.StartAsync();

        using var broken = await host.Http.PostAsync("/api/v1/flows", Json("[{\"localIp\": "));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.NotEmpty((await BodyAsync(broken)).GetProperty("errors").EnumerateArray());

        using var events = await host.Http.PostAsync("/api/v1/ownership", Json(
            "[{\"ip\":\"10.0.0.9\",\"workload\":\"db\",\"timestampMs\":1,\"change\":\"assigned\"}," +
            "{\"ip\":\"10.0.0.999\",\"workload\":\"db\",\"timestampMs\":1,\"change\":\"assigned\"}," +
            "{\"ip\":\"10.0.0.9\",\"workload\":\"db\",\"timestampMs\":1,\"change\":\"moved\"}]"));
        var body = await BodyAsync(events);
        Assert.Equal(HttpStatusCode.BadRequest, events.StatusCode);
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        Assert.Equal(["ip", "change"], body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));

        using var wrongType = await host.Http.PostAsync("/api/v1/ownership", new StringContent("x", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
    }

    [Fact]
    public async Task A_full_queue_answers_429_with_Retry_After_and_counts_it()
    {
        await using var host = await InProcessHost.StartAsync(
            jobs => jobs.AddJob<StalledFlowsJob>("stalled-flows"),
            "--StreamJobs:Jobs:flow-enricher:Enabled=false", "--StreamJobs:Jobs:flow-ingest:QueueCapacity=1",
            "--StreamJobs:BufferBatches=1", "--StreamJobs:DrainTimeout=00:00:01");
        var body = Encoding.UTF8.GetString(FlowJsonBatchEncoder.ToUtf8([FlowSamples.Flow("10.0.0.1", "10.0.0.2", FlowSamples.NowMs)]));

        HttpResponseMessage? refused = null;
        for (int i = 0; i < 50 && refused is null; i++)
        {
            var response = await host.Http.PostAsync("/api/v1/flows", Json(body));
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
            else Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        Assert.NotNull(refused);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(0, (await BodyAsync(refused)).GetProperty("accepted").GetInt32());
        Assert.True(host.Services.GetRequiredService<FlowIngestMetrics>().HttpThrottled >= 1);
    }
}
