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

    [Fact]
    public async Task The_mql_command_filters_the_demo_hosts_enriched_flows_by_cidr_and_prints_readable_rows()
    {
        await using var host = HostProcess.Start(_workDir, "demo");
        Assert.True(await host.WaitForHttpAsync("/readyz", TimeSpan.FromSeconds(60)), string.Join("\n", host.Errors));
        var url = $"http://127.0.0.1:{host.Port}";
        var timeout = TimeSpan.FromSeconds(60);

        var flows = await ToolProcess.RunAsync(timeout, "--host", url, "select remoteIp, remoteWorkload from enriched-flows where remoteIp in '10.0.0.0/8' limit 20");
        Assert.Equal(0, flows.ExitCode);
        Assert.Equal(20, flows.OutputLines.Length);
        foreach (var line in flows.OutputLines)
        {
            using var flow = JsonDocument.Parse(line);
            Assert.Equal(["remoteIp", "remoteWorkload"], flow.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Matches(@"^10\.\d{1,3}\.\d{1,3}\.\d{1,3}$", flow.RootElement.GetProperty("remoteIp").GetString());
        }

        var outside = await ToolProcess.RunAsync(timeout, "--host", url, "select * from flows where remoteIp not in '10.0.0.0/8' and remoteIp not in 'fd00::/8' limit 3");
        Assert.Equal(0, outside.ExitCode);
        Assert.Equal(3, outside.OutputLines.Length);
        Assert.All(outside.OutputLines, line => Assert.DoesNotContain("receipt", line, StringComparison.OrdinalIgnoreCase));
        Assert.All(outside.OutputLines, line => Assert.Matches("\"remoteIp\":\"(203\\.0\\.113|100\\.64)\\.", line));

        var bad = await ToolProcess.RunAsync(timeout, "--host", url, "select * from flows where remoteIp in '10.0.0.1/8'");
        Assert.Equal(2, bad.ExitCode);
        Assert.StartsWith("mql: bad query: line 1, column 39: '10.0.0.1/8' is not a CIDR block: the address has bits set after the /8 prefix (the block is 10.0.0.0/8)\n", bad.Error);

        var streams = await ToolProcess.RunAsync(timeout, "streams", "--host", url);
        Assert.Contains("enriched-flows  (StreamJobs.FlowEnricher.EnrichedFlow, typed schema, ", streams.Output);
        Assert.Contains("  remoteIp: ip\n", streams.Output);
    }

    public void Dispose() => Directory.Delete(_workDir, recursive: true);
}
