using StreamJobs.Host.Tests.Support;
using System.Diagnostics;
using StreamJobs.Host.Tests.Taps.Support;

namespace StreamJobs.Host.Tests.Taps;

/// <summary>A tap whose regex backtracks is held to its budget and stopped; the host counts what happened.</summary>
public sealed class TapRegexTests
{
    private const string Backtracking = "select seq from labels where name ==~ /^(a+)+$/";

    [Fact]
    public async Task A_tap_whose_regex_keeps_timing_out_is_stopped_with_a_final_meta_saying_why_and_is_counted_in_metrics()
    {
        await using var host = await TapTestHost.StartAsync(false, true, labels: true,
            "StreamJobs:Taps:MaxRegexTimeouts=3", "StreamJobs:Taps:RegexTimeout=00:00:00.020");
        var clock = Stopwatch.StartNew();
        var lines = await TapLines.ReadAllAsync(host.Http, TapTestHost.Query(Backtracking, "&duration=60s"));

        var last = TapLines.Meta(lines[^1]);
        Assert.Equal("stopped", last.GetProperty("end").GetString());
        Assert.Contains("StreamJobs:Taps:MaxRegexTimeouts", last.GetProperty("reason").GetString());
        Assert.True(last.GetProperty("regexTimeouts").GetInt64() >= 3, lines[^1]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the tap ran {clock.Elapsed} before it was stopped");

        var metrics = await host.Http.GetStringAsync("/metrics");
        Assert.True(MetricsText.Value(metrics, "streamjobs_taps_regex_timeouts_total", ("stream", "labels")) >= 3, metrics);
        Assert.Equal(1, MetricsText.Value(metrics, "streamjobs_taps_stopped_total", ("reason", "regex-timeouts")));
    }

    [Fact]
    public async Task A_tap_over_its_evaluation_budget_skips_and_counts_records_instead_of_taking_more_time()
    {
        await using var host = await TapTestHost.StartAsync(false, true, labels: true,
            "StreamJobs:Taps:MaxRegexTimeouts=1000000", "StreamJobs:Taps:EvaluationBudget=00:00:00.050");
        var lines = await TapLines.ReadAllAsync(host.Http, TapTestHost.Query(Backtracking, "&duration=3s"));

        var last = TapLines.Meta(lines[^1]);
        Assert.Equal("duration", last.GetProperty("end").GetString());
        // 50 ms a second buys about one 50 ms regex timeout a second: every other record of ~100k is skipped.
        Assert.InRange(last.GetProperty("regexTimeouts").GetInt64(), 1, 10);
        Assert.True(last.GetProperty("overBudget").GetInt64() > 1000, lines[^1]);
        Assert.Equal(last.GetProperty("tapDropped").GetInt64() + last.GetProperty("rateLimited").GetInt64() + last.GetProperty("overBudget").GetInt64(),
            last.GetProperty("dropped").GetInt64());
    }

    [Fact]
    public async Task Tap_queries_run_on_the_tap_workers_not_on_the_thread_pool()
    {
        await using var host = await TapTestHost.StartAsync(false, true, labels: true, "StreamJobs:Taps:MaxRegexTimeouts=1000000");
        var taps = Enumerable.Range(0, 8).Select(_ => TapLines.ReadAllAsync(host.Http, TapTestHost.Query(Backtracking, "&duration=3s"))).ToList();
        await Task.Delay(1500);

        // Backtracking on pool threads would hold eight of them; the pool must stay free for other work.
        var latency = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => Thread.Sleep(1))));
        Assert.True(latency.Elapsed < TimeSpan.FromMilliseconds(500), $"50 pool work items took {latency.ElapsedMilliseconds} ms beside 8 regex taps");
        foreach (var lines in await Task.WhenAll(taps))
        {
            Assert.True(TapLines.Meta(lines[^1]).GetProperty("regexTimeouts").GetInt64() > 0);
        }
    }
}
