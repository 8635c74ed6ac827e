using StreamJobs.Mql.Tool.Tests.Support;

namespace StreamJobs.Mql.Tool.Tests;

/// <summary><c>mql --file</c> as a real process: hostile queries end with a positioned error and exit 2, never a crash.</summary>
public sealed class HostileQueryTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Sixteen_thousand_nested_parentheses_are_refused_by_length_with_a_short_caret()
    {
        var query = "select * where " + new string('(', 16_000) + "ts == 1" + new string(')', 16_000);

        var run = await ToolProcess.RunAsync(Timeout, "--file", ToolRun.Golden("events.ndjson"), query);

        Assert.Equal(2, run.ExitCode);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"mql: bad query: line 1, column 16385: query is {query.Length} characters long, over the limit of 16384 (MqlLimits.MaxQueryLength)", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.True(lines[1].Length < 200 && lines[2].EndsWith('^'), run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Deep_not_chains_and_nesting_are_refused_at_the_depth_limit()
    {
        var bangs = await ToolProcess.RunAsync(Timeout, "--file", ToolRun.Golden("events.ndjson"), "select * where " + new string('!', 16_000) + "(ts == 1)");
        var parens = await ToolProcess.RunAsync(Timeout, "--file", ToolRun.Golden("events.ndjson"), "select * where " + new string('(', 100) + "ts == 1" + new string(')', 100));

        const string Message = "expression nested deeper than 64 levels (each '(' and NOT opens one; MqlLimits.MaxDepth)";
        Assert.Equal(2, bangs.ExitCode);
        Assert.StartsWith($"mql: bad query: line 1, column 80: {Message}\n", bangs.Error);
        Assert.Equal(2, parens.ExitCode);
        Assert.StartsWith($"mql: bad query: line 1, column 80: {Message}\n", parens.Error);
    }

    [Theory]
    [InlineData("select ts limit 0")]
    [InlineData("select ts where status >= 400 limit 0")]
    [InlineData("select service, count(*) as n group by service limit 0")]
    [InlineData("select ts order by latency desc limit 0")]
    public async Task Limit_zero_prints_nothing(string query)
    {
        var run = await ToolProcess.RunAsync(Timeout, "--file", ToolRun.Golden("events.ndjson"), query);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
    }
}
