using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using StreamJobs.Host.Tests.Support;
using StreamJobs.Host.Tests.Taps.Support;
using Xunit.Abstractions;

namespace StreamJobs.Host.Tests.Taps;

/// <summary>Taps against the real demo host process: they never slow the jobs and never hold the shutdown.</summary>
[Collection(TimingSensitive.Name)]
public sealed partial class TapDemoProcessTests(ITestOutputHelper log) : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(8);
    // The span archive (off in the demo by default) is the downstream consumer these tests measure and drain.
    private const string ArchiveOn = "--StreamJobs:Jobs:span-archive:Enabled=true";
    private readonly string _workDir = Directory.CreateTempSubdirectory("streamjobs-taps-").FullName;

    [Fact]
    public async Task Regex_heavy_taps_keep_the_jobs_rate_within_10_percent_of_the_rate_without_them()
    {
        // The taps must stay open for the whole window, so the host does not stop them for their timeouts here.
        await using var host = HostProcess.Start(_workDir, "demo", "--StreamJobs:Taps:MaxRegexTimeouts=1000000000", ArchiveOn);
        Assert.True(await host.WaitForHttpAsync("/readyz", TimeSpan.FromSeconds(60)), string.Join("\n", host.Errors));
        await Task.Delay(5000); // JIT, first windows and the first trace decisions before anything is measured

        var before = await RatesAsync(host);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.Port}"), Timeout = Timeout.InfiniteTimeSpan };
        using var stop = new CancellationTokenSource();
        // Trace IDs are 32 hex digits: /^([0-9a-f]+)+x$/ backtracks 2^32 ways on every span and always times out.
        // Span IDs are 16: /^(\w+)+!$/ takes ~2^16 steps on every span, heavy but under the timeout. The leading
        // lookahead keeps them on the backtracking engine (taps run the others in linear time), the worst case.
        var queries = Enumerable.Repeat("select name from spans where traceId ==~ /^(?=[0-9a-f])([0-9a-f]+)+x$/", 4)
            .Concat(Enumerable.Repeat("select name from spans where id ==~ /^(?=\\w)(\\w+)+!$/", 4)).ToList();
        var taps = queries.Select(q => ReadAsync(http, q, stop.Token)).ToList();
        await WaitForTapsAsync(host, queries.Count);
        await Task.Delay(2000);
        var during = await RatesAsync(host);
        var openDuring = await OpenTapsAsync(host);
        log.WriteLine($"spans/s generated, archived: without taps {before.Generated:F0}, {before.Archived:F0}; with {queries.Count} regex taps {during.Generated:F0}, {during.Archived:F0}");
        await stop.CancelAsync();
        var lines = await Task.WhenAll(taps);
        await WaitForTapsAsync(host, 0);
        await Task.Delay(2000);
        var after = await RatesAsync(host);

        var baseline = ((before.Generated + after.Generated) / 2, (before.Archived + after.Archived) / 2);
        log.WriteLine($"spans/s generated, archived without taps, after them: {after.Generated:F0}, {after.Archived:F0}");
        Assert.Equal(queries.Count, openDuring);
        for (var i = 0; i < 4; i++)
        {
            var meta = TapLines.Meta(lines[i].Last(TapLines.IsMeta));
            log.WriteLine(lines[i].Last(TapLines.IsMeta));
            Assert.True(meta.GetProperty("regexTimeouts").GetInt64() > 0, "the tap never ran its regex: " + lines[i].Last(TapLines.IsMeta));
        }
        Assert.True(during.Generated >= baseline.Item1 * 0.9, $"generated {during.Generated:F0}/s with regex taps vs {baseline.Item1:F0}/s without");
        Assert.True(during.Archived >= baseline.Item2 * 0.9, $"archived {during.Archived:F0}/s with regex taps vs {baseline.Item2:F0}/s without");
    }

    [Fact]
    public async Task SIGTERM_with_a_plain_and_an_aggregate_tap_open_drains_in_well_under_the_timeout_and_loses_nothing()
    {
        await using var host = HostProcess.Start(_workDir, "demo", ArchiveOn);
        Assert.True(await host.WaitForHttpAsync("/readyz", TimeSpan.FromSeconds(60)), string.Join("\n", host.Errors));
        await Task.Delay(3000);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.Port}"), Timeout = Timeout.InfiniteTimeSpan };
        var plain = ReadAsync(http, "select traceId, name from spans where service == 'payments'", CancellationToken.None);
        var aggregate = ReadAsync(http, "select service, count(*) as n from spans group by service", CancellationToken.None);
        await WaitForTapsAsync(host, 2);
        await Task.Delay(1000);

        var clock = Stopwatch.StartNew();
        host.Terminate();
        Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var elapsed = clock.Elapsed;
        log.WriteLine($"exited {elapsed.TotalSeconds:F1} s after SIGTERM with two taps open");

        var output = host.Output.Concat(host.Errors).ToList();
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"the host took {elapsed} to stop (drain timeout 25 s):\n" + string.Join("\n", output.TakeLast(20)));
        Assert.DoesNotContain(output, l => l.Contains("Draining", StringComparison.Ordinal) || l.Contains("OperationCanceledException", StringComparison.Ordinal));
        var totals = TotalsLine().Match(host.Output.Last(l => l.StartsWith("total", StringComparison.Ordinal)));
        Assert.True(totals.Success, string.Join("\n", host.Output.TakeLast(5)));
        Assert.Equal(totals.Groups["generated"].Value, totals.Groups["archived"].Value);
        Assert.Equal("0", totals.Groups["waiting"].Value);

        var plainLines = await plain.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("shutdown", TapLines.Meta(plainLines[^1]).GetProperty("end").GetString());
        Assert.Contains(plainLines, l => !TapLines.IsMeta(l));
        var aggregateLines = await aggregate.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("shutdown", TapLines.Meta(aggregateLines[^1]).GetProperty("end").GetString());
        Assert.Contains(aggregateLines, l => !TapLines.IsMeta(l) && JsonDocument.Parse(l).RootElement.GetProperty("n").GetInt64() > 0);
    }

    public void Dispose() => Directory.Delete(_workDir, recursive: true);

    /// <summary>Every line of a tap until it ends or <paramref name="stop"/>.</summary>
    private static async Task<List<string>> ReadAsync(HttpClient http, string query, CancellationToken stop)
    {
        var lines = new List<string>();
        try
        {
            using var response = await http.GetAsync(TapTestHost.Query(query), HttpCompletionOption.ResponseHeadersRead, stop);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
            while (await reader.ReadLineAsync(stop) is { } line) lines.Add(line);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        return lines;
    }

    /// <summary>Spans generated and spans the archive received per second, over <see cref="Window"/>.</summary>
    private static async Task<(double Generated, double Archived)> RatesAsync(HostProcess host)
    {
        var (generated, archived) = await CountsAsync(host);
        var clock = Stopwatch.StartNew();
        await Task.Delay(Window);
        var (generated2, archived2) = await CountsAsync(host);
        var seconds = clock.Elapsed.TotalSeconds;
        return ((generated2 - generated) / seconds, (archived2 - archived) / seconds);
    }

    private static async Task<(double Generated, double Archived)> CountsAsync(HostProcess host)
    {
        var metrics = await host.Http.GetStringAsync("/metrics");
        return (MetricsText.RecordsOut(metrics, "demo-traffic", "synthetic-spans"), MetricsText.RecordsOut(metrics, "span-archive", "subscribe-spans"));
    }

    private static async Task<int> OpenTapsAsync(HostProcess host)
    {
        using var list = JsonDocument.Parse(await host.Http.GetStringAsync("/taps"));
        return list.RootElement.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "spans").GetProperty("taps").GetInt32();
    }

    private static async Task WaitForTapsAsync(HostProcess host, int count)
    {
        for (var i = 0; i < 300 && await OpenTapsAsync(host) != count; i++) await Task.Delay(100);
        Assert.Equal(count, await OpenTapsAsync(host));
    }

    [GeneratedRegex(@"^total \| demo-traffic in (?<generated>[\d,]+) out [\d,]+ .*\| span-archive in [\d,]+ out (?<archived>[\d,]+).*waiting (?<waiting>[\d,]+)")]
    private static partial Regex TotalsLine();
}
