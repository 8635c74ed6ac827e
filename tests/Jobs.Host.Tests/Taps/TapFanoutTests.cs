using System.Text.Json;
using StreamJobs.Host.Tests.Support;
using StreamJobs.Host.Tests.Taps.Support;

namespace StreamJobs.Host.Tests.Taps;

[Collection(TimingSensitive.Name)]
public sealed class TapFanoutTests : IDisposable
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("streamjobs-fanout-").FullName;

    [Fact]
    public async Task A_fanout_query_merges_every_replicas_matches_and_reports_each_replicas_counters()
    {
        await using var a = HostProcess.Start(Directory.CreateDirectory(Path.Combine(_workDir, "a")).FullName, "demo", "--StreamJobs:Jobs:demo-traffic:TracesPerSecond=300");
        await using var b = HostProcess.Start(Directory.CreateDirectory(Path.Combine(_workDir, "b")).FullName, "demo", "--StreamJobs:Jobs:demo-traffic:TracesPerSecond=300");
        Assert.True(await a.WaitForHttpAsync("/readyz", TimeSpan.FromSeconds(60)), string.Join("\n", a.Errors));
        Assert.True(await b.WaitForHttpAsync("/readyz", TimeSpan.FromSeconds(60)), string.Join("\n", b.Errors));
        var urls = new[] { $"http://127.0.0.1:{a.Port}", $"http://127.0.0.1:{b.Port}", "http://127.0.0.1:1" };
        await using var coordinator = await TapTestHost.StartAsync(false, false,
            $"StreamJobs:Taps:Replicas:0={urls[0]}", $"StreamJobs:Taps:Replicas:1={urls[1]}", $"StreamJobs:Taps:Replicas:2={urls[2]}");

        var lines = await TapLines.ReadAllAsync(coordinator.Http, TapTestHost.Query("select service, name from spans where service == 'payments'", "&duration=3s"));

        var results = lines.Where(l => !TapLines.IsMeta(l)).ToList();
        Assert.NotEmpty(results);
        Assert.All(results, l => Assert.Equal("payments", JsonDocument.Parse(l).RootElement.GetProperty("service").GetString()));
        var last = TapLines.Meta(lines[^1]);
        Assert.True(last.GetProperty("fanout").GetBoolean());
        Assert.Equal("replicas-ended", last.GetProperty("end").GetString());
        var replicas = last.GetProperty("replicas").EnumerateArray().ToDictionary(r => r.GetProperty("url").GetString()!);
        Assert.Equal(urls.Order(), replicas.Keys.Order());
        foreach (var live in urls[..2])
        {
            Assert.True(replicas[live].GetProperty("emitted").GetInt64() > 0, lines[^1]);
            Assert.Equal("duration", replicas[live].GetProperty("end").GetString());
            // A tap may drop (its workers yield the CPU to the jobs), but it must say so in its counters.
            var replica = replicas[live];
            Assert.Equal(replica.GetProperty("tapDropped").GetInt64() + replica.GetProperty("rateLimited").GetInt64() + replica.GetProperty("overBudget").GetInt64(),
                replica.GetProperty("dropped").GetInt64());
        }
        Assert.Equal(results.Count, replicas[urls[0]].GetProperty("emitted").GetInt64() + replicas[urls[1]].GetProperty("emitted").GetInt64());
        Assert.StartsWith("cannot reach http://127.0.0.1:1", replicas[urls[2]].GetProperty("error").GetString());

        // A query past Kestrel's 8 KB request line reaches every replica (forwarded as a body, not a query string).
        var longQuery = "select service, name from spans where service == 'payments' or " + string.Join(" or ", Enumerable.Range(0, 400).Select(i => $"name == 'no-such-span-{i}'"));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/taps/query?duration=2s") { Content = new StringContent(longQuery) };
        using var posted = await coordinator.Http.SendAsync(post);
        var longLines = (await posted.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(longQuery.Length > 10_000);
        Assert.Contains(longLines, l => !TapLines.IsMeta(l));
        var longReplicas = TapLines.Meta(longLines[^1]).GetProperty("replicas").EnumerateArray().ToDictionary(r => r.GetProperty("url").GetString()!);
        foreach (var live in urls[..2]) Assert.False(longReplicas[live].TryGetProperty("error", out var error), error.ToString());

        // LIMIT 0 asks for nothing: no record, no replica tapped (not even the unreachable one), and the tap ends at once.
        var none = await TapLines.ReadAllAsync(coordinator.Http, TapTestHost.Query("select service from spans limit 0", "&duration=30s"));
        Assert.DoesNotContain(none, l => !TapLines.IsMeta(l));
        var noneMeta = TapLines.Meta(none[^1]);
        Assert.Equal("limit", noneMeta.GetProperty("end").GetString());
        Assert.All(noneMeta.GetProperty("replicas").EnumerateArray(), r => Assert.False(r.TryGetProperty("error", out _), r.ToString()));
    }

    [Fact]
    public async Task Replicas_found_through_a_dns_name_are_tapped_on_the_replica_port()
    {
        // A headless service name resolves to one address per ready pod; here "localhost" resolves to the one replica.
        await using var replica = HostProcess.Start(Directory.CreateDirectory(Path.Combine(_workDir, "dns")).FullName, "demo", "--StreamJobs:Jobs:demo-traffic:TracesPerSecond=300");
        Assert.True(await replica.WaitForHttpAsync("/readyz", TimeSpan.FromSeconds(60)), string.Join("\n", replica.Errors));
        await using var coordinator = await TapTestHost.StartAsync(false, false, "StreamJobs:Taps:ReplicaDns=localhost", $"StreamJobs:Taps:ReplicaPort={replica.Port}");

        var lines = await TapLines.ReadAllAsync(coordinator.Http, TapTestHost.Query("select service from spans", "&duration=2s"));

        var found = Assert.Single(TapLines.Meta(lines[^1]).GetProperty("replicas").EnumerateArray());
        Assert.Equal($"http://127.0.0.1:{replica.Port}", found.GetProperty("url").GetString());
        Assert.True(found.GetProperty("emitted").GetInt64() > 0, lines[^1]);
        Assert.Equal(found.GetProperty("emitted").GetInt64(), lines.Count(l => !TapLines.IsMeta(l)));
    }

    [Fact]
    public async Task Fanout_without_replicas_is_refused_and_fanout_false_stays_local()
    {
        await using var host = await TapTestHost.StartAsync();

        using var refused = await host.Http.GetAsync(TapTestHost.Query("select * from readings", "&fanout=true"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("no replicas are configured", await refused.Content.ReadAsStringAsync());

        var lines = await TapLines.ReadAllAsync(host.Http, TapTestHost.Query("select seq from readings limit 2", "&fanout=false"));
        Assert.Equal(2, lines.Count(l => !TapLines.IsMeta(l)));
        Assert.False(TapLines.Meta(lines[^1]).TryGetProperty("fanout", out _));
    }

    public void Dispose() => Directory.Delete(_workDir, recursive: true);
}
