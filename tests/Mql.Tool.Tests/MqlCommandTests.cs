using StreamJobs.Mql.Tool.Tests.Support;

namespace StreamJobs.Mql.Tool.Tests;

public sealed class MqlCommandTests
{
    [Fact]
    public async Task A_bad_query_prints_the_error_and_a_caret_under_the_column_and_exits_2()
    {
        var run = await ToolRun.RunAsync("select * from spans where service = = 'a'");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            "mql: bad query: line 1, column 37: expected a property, a literal or '(' but found '='\n" +
            "select * from spans where service = = 'a'\n" +
            "                                    ^\n", run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task An_unreachable_host_prints_cannot_reach_and_exits_3()
    {
        var run = await ToolRun.RunAsync("--host", "http://127.0.0.1:1", "select * from spans");

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("mql: cannot reach http://127.0.0.1:1: ", run.Error);
        Assert.Contains("-- demo", run.Error);

        var streams = await ToolRun.RunAsync("streams", "--host", "http://127.0.0.1:1");
        Assert.Equal(3, streams.ExitCode);
        Assert.StartsWith("mql: cannot reach http://127.0.0.1:1: ", streams.Error);
    }

    [Theory]
    [InlineData(new string[0], "mql: give a query")]
    [InlineData(new[] { "--duration", "soon", "select * from spans" }, "mql: --duration must be like 10s")]
    [InlineData(new[] { "--host", "ftp://x", "select * from spans" }, "mql: --host must be an http(s) URL")]
    [InlineData(new[] { "select * where a == 1" }, "mql: the query needs FROM <stream>")]
    [InlineData(new[] { "--nope", "select * from spans" }, "mql: Unrecognized command or argument")]
    public async Task Usage_mistakes_exit_2_with_a_message(string[] args, string message)
    {
        var run = await ToolRun.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(message, run.Error);
    }
}
