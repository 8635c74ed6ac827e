using System.Diagnostics;
using StreamJobs.Host.Tests.Support;
using StreamJobs.Host.Tests.Taps.Support;

namespace StreamJobs.Host.Tests.Taps;

/// <summary>A tap whose regex backtracks is held to its budget and stopped; the host counts what happened.</summary>
[Collection(TimingSensitive.Name)]
public sealed class TapRegexTests
{
    // The lookahead needs the backtracking engine (taps use the non-backtracking one where they can), so this still times out.
    private const string Backtracking = "select seq from labels where name ==~ /^(?=a)(a+)+$/";

    // The most regex terms a tap query may hold (MqlLimits.MaxRegexTerms), each timing out on every label.
    private static readonly string SixteenTerms = "select seq from labels where " + string.Join(" or ", Enumerable.Repeat("name ==~ /^(?=a)(a+)+$/", 16));

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
        // 50 ms a second buys about one 50 ms regex timeout a second: every other record of ~100k is skipped. The timeout
        // is wall time and the budget thread CPU time, so on a loaded machine a timeout costs less CPU and a few more fit;
        // without the budget, 3 s would hold 60 of them.
        Assert.InRange(last.GetProperty("regexTimeouts").GetInt64(), 1, 20);
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

    [Fact]
    public async Task A_pattern_that_backtracks_catastrophically_runs_in_linear_time_in_a_tap()
    {
        await using var host = await TapTestHost.StartAsync(false, true, labels: true, "StreamJobs:Taps:RegexTimeout=00:00:00.020");
        var lines = await TapLines.ReadAllAsync(host.Http, TapTestHost.Query("select seq from labels where name ==~ /^(a+)+$/", "&duration=2s"));

        var last = TapLines.Meta(lines[^1]);
        Assert.Equal("duration", last.GetProperty("end").GetString());
        Assert.True(last.GetProperty("delivered").GetInt64() > 1000, lines[^1]);
        Assert.True(last.GetProperty("regexTimeouts").GetInt64() == 0, lines[^1]);
    }

    [Fact]
    public async Task The_timeout_guard_stops_a_tap_part_way_through_one_records_regex_terms()
    {
        await using var host = await TapTestHost.StartAsync(false, true, labels: true,
            "StreamJobs:Taps:MaxRegexTimeouts=3", "StreamJobs:Taps:RegexTimeout=00:00:00.100", "StreamJobs:Taps:EvaluationBudget=00:00:01");
        var lines = await TapLines.ReadAllAsync(host.Http, TapTestHost.Query(SixteenTerms, "&duration=30s"));

        // Checked only between records, the first record would run all 16 terms to their timeouts first.
        var last = TapLines.Meta(lines[^1]);
        Assert.Equal("stopped", last.GetProperty("end").GetString());
        Assert.InRange(last.GetProperty("regexTimeouts").GetInt64(), 3, 4);
    }

    [Fact]
    public async Task The_budget_cuts_one_records_regex_terms_short_and_an_overrun_is_paid_later()
    {
        await using var host = await TapTestHost.StartAsync(false, true, labels: true,
            "StreamJobs:Taps:MaxRegexTimeouts=1000000", "StreamJobs:Taps:RegexTimeout=00:00:00.100", "StreamJobs:Taps:EvaluationBudget=00:00:00.020");
        var lines = await TapLines.ReadAllAsync(host.Http, TapTestHost.Query(SixteenTerms, "&duration=2s"));

        // 20 ms a second against 100 ms matches: one match, then the debt; unbounded, one record is 16 matches.
        var last = TapLines.Meta(lines[^1]);
        Assert.Equal("duration", last.GetProperty("end").GetString());
        Assert.InRange(last.GetProperty("regexTimeouts").GetInt64(), 1, 8);
        Assert.True(last.GetProperty("overBudget").GetInt64() > 0, lines[^1]);
    }

    [Fact]
    public async Task A_tap_ends_at_its_duration_without_finishing_the_regex_terms_of_the_record_in_progress()
    {
        await using var host = await TapTestHost.StartAsync(false, true, labels: true,
            "StreamJobs:Taps:MaxRegexTimeouts=1000000", "StreamJobs:Taps:RegexTimeout=00:00:00.300", "StreamJobs:Taps:EvaluationBudget=00:00:01");
        var clock = Stopwatch.StartNew();
        var lines = await TapLines.ReadAllAsync(host.Http, TapTestHost.Query(SixteenTerms, "&duration=500ms"));

        // One record's 16 terms take 4.8 s; the tap must end within a match or two of its duration.
        Assert.Equal("duration", TapLines.Meta(lines[^1]).GetProperty("end").GetString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the 500 ms tap took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_query_with_more_regex_terms_than_allowed_gets_a_positioned_400()
    {
        await using var host = await TapTestHost.StartAsync(false, true, labels: true);
        using var response = await host.Http.GetAsync(TapTestHost.Query(SixteenTerms + " or name ==~ /b/"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("more than 16 regex terms", body);
        Assert.Contains("MqlLimits.MaxRegexTerms", body);
    }
}
