using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using StreamJobs.Host.Tests.Support;

namespace StreamJobs.Host.Tests.Query;

/// <summary>The query API of a running host over traces posted as Zipkin JSON and kept by the sampler.</summary>
public sealed class ZipkinQueryApiTests : IAsyncLifetime
{
    private const string ErrorTrace = "5af7183fb1d4cf5f00000000000000e1";
    private const string CheckoutTrace = "5af7183fb1d4cf5f00000000000000c1";
    private InProcessHost _host = null!;
    private long _now;

    public async Task InitializeAsync()
    {
        _host = await InProcessHost.StartAsync();
        _now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        string spans = "[" + string.Join(",",
            Span(ErrorTrace, "0000000000000001", null, "frontend", "GET /cart", "SERVER", 0, 9000, """{"http.method":"GET"}"""),
            Span(ErrorTrace, "0000000000000002", "0000000000000001", "frontend", "call cart", "CLIENT", 100, 8000, """{"peer":"x"}""", remote: "cart"),
            Span(ErrorTrace, "0000000000000003", "0000000000000002", "cart", "load cart", "SERVER", 200, 7000, """{"error":"timeout"}"""),
            Span(ErrorTrace, "0000000000000004", "0000000000000003", "cart", "query", "CLIENT", 300, 5000, """{"db":"q"}""", remote: "postgres"),
            Span(CheckoutTrace, "0000000000000001", null, "checkout", "POST /pay", "SERVER", 0, 1000, """{"amount":"5"}""")) + "]";
        using var response = await _host.Http.PostAsync("/api/v2/spans", new StringContent(spans, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await WaitAsync($"/api/v2/traceMany?traceIds={ErrorTrace},{CheckoutTrace}", json => json.GetArrayLength() == 2);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Names_come_from_the_stored_spans()
    {
        Assert.Equal(["cart", "checkout", "frontend"], await StringsAsync("/api/v2/services"));
        Assert.Equal(["call cart", "get /cart"], await StringsAsync("/api/v2/spans?serviceName=Frontend"));
        Assert.Equal(["postgres"], await StringsAsync("/api/v2/remoteServices?serviceName=cart"));
        Assert.Empty(await StringsAsync("/api/v2/spans?serviceName=nobody"));
    }

    [Fact]
    public async Task Searches_filter_by_service_span_tags_duration_and_policy()
    {
        Assert.Equal([ErrorTrace], await TraceIdsAsync("serviceName=cart"));
        Assert.Equal([ErrorTrace], await TraceIdsAsync("serviceName=cart&annotationQuery=error"));
        Assert.Empty(await TraceIdsAsync("serviceName=frontend&annotationQuery=error"));
        Assert.Equal([ErrorTrace], await TraceIdsAsync("serviceName=cart&spanName=query&minDuration=5000&maxDuration=5000"));
        Assert.Empty(await TraceIdsAsync("serviceName=cart&minDuration=7001"));
        Assert.Equal([CheckoutTrace], await TraceIdsAsync("policy=checkout"));
        Assert.Equal([ErrorTrace], await TraceIdsAsync("annotationQuery=streamjobs.policy%3Derrors"));
        Assert.Equal(2, (await TraceIdsAsync("")).Count);
        Assert.Empty(await TraceIdsAsync($"endTs={_now / 1000 - 60_000}&lookback=60000"));
    }

    [Fact]
    public async Task Dependencies_link_the_services_of_kept_traces()
    {
        var links = await GetAsync($"/api/v2/dependencies?endTs={_now / 1000 + 60_000}&lookback=600000");
        var text = links.EnumerateArray().Select(l => $"{l.GetProperty("parent").GetString()}>{l.GetProperty("child").GetString()}:{l.GetProperty("callCount").GetInt64()}"
            + (l.TryGetProperty("errorCount", out var e) ? $"/{e.GetInt64()}" : "")).ToList();
        Assert.Equal(["cart>postgres:1", "frontend>cart:1/1"], text);
    }

    [Fact]
    public async Task A_trace_not_stored_is_404_with_a_message()
    {
        using var response = await _host.Http.GetAsync("/api/v2/trace/00000000000000000000000000000abc");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not stored", await response.Content.ReadAsStringAsync());
    }

    private string Span(string trace, string id, string? parent, string service, string name, string kind, long offset, long duration, string tags, string? remote = null) =>
        "{" + $"\"traceId\":\"{trace}\",\"id\":\"{id}\"" + (parent is null ? "" : $",\"parentId\":\"{parent}\"")
        + $",\"name\":\"{name}\",\"kind\":\"{kind}\",\"timestamp\":{_now - 10_000_000 + offset},\"duration\":{duration}"
        + $",\"localEndpoint\":{{\"serviceName\":\"{service}\"}}" + (remote is null ? "" : $",\"remoteEndpoint\":{{\"serviceName\":\"{remote}\"}}")
        + $",\"tags\":{tags}" + "}";

    private async Task<List<string>> TraceIdsAsync(string query)
    {
        var traces = await GetAsync("/api/v2/traces?" + query);
        return traces.EnumerateArray().Select(t => t[0].GetProperty("traceId").GetString()!).ToList();
    }

    private async Task<List<string>> StringsAsync(string path) =>
        (await GetAsync(path)).EnumerateArray().Select(s => s.GetString()!).ToList();

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _host.Http.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task WaitAsync(string path, Func<JsonElement, bool> done)
    {
        var watch = Stopwatch.StartNew();
        while (!done(await GetAsync(path)))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"{path} never answered as expected");
            await Task.Delay(100);
        }
    }
}
