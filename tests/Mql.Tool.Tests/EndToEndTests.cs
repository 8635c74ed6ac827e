using System.Text.Json;
using StreamJobs.Host.Tests.Support;
using StreamJobs.Mql.Tool.Tests.Support;

namespace StreamJobs.Mql.Tool.Tests;

public sealed class EndToEndTests : IDisposable
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("mql-e2e-").FullName;

    [Fact]
    public async Task The_mql_command_queries_the_demo_hosts_live_spans()
    {
        await using var host = HostProcess.Start(_workDir, "demo", "--StreamJobs:Jobs:demo-traffic:TracesPerSecond=300");
        Assert.True(await host.WaitForHttpAsync("/readyz", TimeSpan.FromSeconds(60)), string.Join("\n", host.Errors));
        var url = $"http://127.0.0.1:{host.Port}";
        var timeout = TimeSpan.FromSeconds(60);

        var spans = await ToolProcess.RunAsync(timeout, "--host", url, "select traceId, name, service from spans where service == 'payments' limit 5");
        Assert.Equal(0, spans.ExitCode);
        Assert.Equal(5, spans.OutputLines.Length);
        foreach (var line in spans.OutputLines)
        {
            using var span = JsonDocument.Parse(line);
            Assert.Equal("payments", span.RootElement.GetProperty("service").GetString());
            Assert.Matches("^[0-9a-f]{32}$", span.RootElement.GetProperty("traceId").GetString());
        }

        var bad = await ToolProcess.RunAsync(timeout, "--host", url, "select name from spans where durationMicros >");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("mql: bad query: line 1, column 46: expected a property, a literal or '(' but found end of input\n" +
                     "select name from spans where durationMicros >\n" +
                     "                                             ^\n", bad.Error);

        var unknown = await ToolProcess.RunAsync(timeout, "--host", url, "select * from nowhere");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("unknown stream 'nowhere'; streams here: ", unknown.Error);

        var streams = await ToolProcess.RunAsync(timeout, "streams", "--host", url);
        Assert.Equal(0, streams.ExitCode);
        Assert.Contains("spans  (StreamJobs.Telemetry.Spans.Span, typed schema, ", streams.Output);
        Assert.Contains("  service: string\n", streams.Output);
    }

    public void Dispose() => Directory.Delete(_workDir, recursive: true);
}
