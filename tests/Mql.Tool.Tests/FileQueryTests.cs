using StreamJobs.Mql.Tool.Tests.Support;

namespace StreamJobs.Mql.Tool.Tests;

public sealed class FileQueryTests
{
    [Fact]
    public async Task A_streaming_query_over_a_file_prints_the_golden_NDJSON_and_reports_the_bad_line()
    {
        var run = await ToolRun.RunAsync("--file", ToolRun.Golden("events.ndjson"), "select service, status, user.id as 'uid' where status >= 400");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(await File.ReadAllTextAsync(ToolRun.Golden("errors-by-service.expected")), run.Output);
        Assert.StartsWith($"mql: {ToolRun.Golden("events.ndjson")}:3: not JSON, skipped: ", run.Error);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_windowed_aggregate_over_event_time_prints_every_window_in_order()
    {
        var run = await ToolRun.RunAsync("-f", ToolRun.Golden("events.ndjson"), "--time-field", "ts",
            "select service, count(*) as n, max(latency) as max group by service order by service window 10");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(await File.ReadAllTextAsync(ToolRun.Golden("count-per-window.expected")), run.Output);
    }

    [Fact]
    public async Task Limit_stops_early_and_the_table_shows_the_columns()
    {
        var limited = await ToolRun.RunAsync("--file", ToolRun.Golden("events.ndjson"), "--limit", "2", "select ts");
        Assert.Equal(["{\"ts\":1}", "{\"ts\":2}"], limited.OutputLines);

        var table = await ToolRun.RunAsync("--file", ToolRun.Golden("events.ndjson"), "--table", "select service, count(*) as n group by service order by n desc");
        Assert.Equal(0, table.ExitCode);
        Assert.Matches(@"│ service │ n +│", table.Output);
        Assert.Matches(@"│ api +│ 4 │", table.Output);
        Assert.Matches(@"│ web +│ 2 │", table.Output);
    }

    [Fact]
    public async Task A_missing_file_is_reported_with_exit_1()
    {
        var run = await ToolRun.RunAsync("--file", "no-such-file.ndjson", "select *");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("mql: cannot read no-such-file.ndjson: ", run.Error);
    }
}
