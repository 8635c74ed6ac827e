using System.Collections.Concurrent;
using System.Net;
using System.Text;
using StreamJobs.Host.Memory;
using StreamJobs.Host.Tests.Support;

namespace StreamJobs.Host.Tests.Memory;

/// <summary>The worker's memory stays within what the GC may use: overload gets backpressure, not an out-of-memory death.</summary>
[Collection(TimingSensitive.Name)]
public sealed class MemoryBoundsTests
{
    [Fact]
    public async Task A_host_with_a_small_heap_limit_answers_overload_with_backpressure_and_stays_up()
    {
        var environment = new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x8000000" }; // 128 MiB
        var port = HostProcess.FreePort();
        await using var host = HostProcess.StartUnbound(Path.GetTempPath(), port, environment,
            "run", "--StreamJobs:Flows:UdpPort=0", $"--StreamJobs:Http:Urls=http://127.0.0.1:{port}");
        Assert.True(await host.WaitForHttpAsync("/readyz", TimeSpan.FromSeconds(60)), "host not ready:\n" + string.Join("\n", host.Errors));

        var body = Encoding.UTF8.GetBytes(Spans(6_000)); // about 2 MB of JSON
        var statuses = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentQueue<string>();
        using var http = new HttpClient { BaseAddress = host.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(12);
        // Mid-burst the host stalls for longer than Kestrel's 5 s drain of unread bodies, as a CPU-starved node does:
        // the senders it refused must still read their 429, not a reset connection.
        var stall = Task.Delay(TimeSpan.FromSeconds(3)).ContinueWith(_ => host.StallAsync(TimeSpan.FromSeconds(6))).Unwrap();
        await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            while (DateTime.UtcNow < until && !host.HasExited)
            {
                string outcome;
                try
                {
                    using var content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } };
                    using var response = await http.PostAsync("/api/v2/spans", content);
                    outcome = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    outcome = e.GetType().Name;
                    failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {e.GetBaseException().GetType().Name}: {e.GetBaseException().Message}");
                }
                statuses.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            }
        }).Append(stall));

        var seen = string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}")) + string.Concat(failures.Take(3).Select(f => " | " + f));
        Assert.False(host.HasExited, $"the host died ({seen}):\n" + string.Join("\n", host.Errors.TakeLast(20)));
        Assert.True(statuses.ContainsKey("202"), seen);
        Assert.True(statuses.ContainsKey("429") || statuses.ContainsKey("503"), "no backpressure: " + seen);
        Assert.True(statuses.Keys.All(key => key is "202" or "429" or "503"), seen + "\n" + string.Join("\n", host.Errors.TakeLast(30)));
        // The heap stays near its limit until the GC catches up after the burst, so a readiness probe may itself get 503
        // for a moment; the host must be ready again without a restart.
        var readyBy = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        var ready = await host.Http.GetAsync("/readyz");
        while (ready.StatusCode != HttpStatusCode.OK && DateTime.UtcNow < readyBy)
        {
            await Task.Delay(250);
            ready = await host.Http.GetAsync("/readyz");
        }
        Assert.True(ready.StatusCode == HttpStatusCode.OK, $"readyz {(int)ready.StatusCode}: {await ready.Content.ReadAsStringAsync()} {await (await host.Http.GetAsync("/jobs")).Content.ReadAsStringAsync()} ({seen})\n" + string.Join("\n", host.Errors.TakeLast(30)));
    }

    [Theory]
    [InlineData(717L << 20, 17, 7, (717L << 20) / 8)] // a 1 GiB container: runtimeconfig sets HeapHardLimitPercent 70
    [InlineData(128L << 20, 3, 2, 16L << 20)]
    [InlineData(24L << 30, 64, 256, 256L << 20)] // a large machine: the built-in defaults are the upper bounds
    public void Buffer_defaults_follow_the_memory_the_GC_may_use(long available, int concurrent, int queue, long spanBuffer)
    {
        const long request = MemoryBudget.DefaultRequestBytes;
        Assert.Equal(concurrent, MemoryBudget.ConcurrentIngestRequests(available, request));
        Assert.Equal(queue, MemoryBudget.IngestQueueCapacity(available, request));
        Assert.Equal(spanBuffer, MemoryBudget.SpanBufferBytes(available));
    }

    [Theory]
    [InlineData(10, 100, 500, 400, true)] // the burst is over and the working set grew: trim
    [InlineData(90, 100, 500, 400, false)] // still busy
    [InlineData(10, 100, 420, 400, false)] // nothing worth returning
    public void The_trimmer_runs_only_after_a_burst_that_grew_the_working_set(long rate, double peak, long workingSetMiB, long floorMiB, bool trim) =>
        Assert.Equal(trim, IdleMemoryTrimmer.ShouldTrim(rate, peak, workingSetMiB << 20, floorMiB << 20));

    private static string Spans(int count)
    {
        var text = new StringBuilder("[");
        for (var i = 0; i < count; i++)
        {
            if (i > 0) text.Append(',');
            text.Append($$$"""{"traceId":"{{{i / 10 + 1:x32}}}","id":"{{{i + 1:x16}}}","name":"GET /api/orders/{{{i % 50}}}","timestamp":1700000000000000,"duration":1500,"kind":"SERVER","localEndpoint":{"serviceName":"svc-{{{i % 20}}}"},"tags":{"http.status_code":"200","padding":"{{{new string('v', 120)}}}"}}""");
        }
        return text.Append(']').ToString();
    }
}
