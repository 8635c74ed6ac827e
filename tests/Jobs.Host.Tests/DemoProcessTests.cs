using System.Text.Json;
using System.Text.RegularExpressions;
using StreamJobs.Host.Tests.Support;

namespace StreamJobs.Host.Tests;

public sealed partial class DemoProcessTests : IDisposable
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("streamjobs-demo-").FullName;

    [Fact]
    public async Task The_demo_prints_progress_serves_probes_and_metrics_keeps_sampled_traces_and_drains_on_SIGTERM()
    {
        await using var host = HostProcess.Start(_workDir, "demo", "--StreamJobs:Jobs:demo-traffic:TracesPerSecond=500");
        Assert.True(await host.WaitForHttpAsync("/readyz", TimeSpan.FromSeconds(60)), "the host never became ready: " + string.Join("\n", host.Errors));
        Assert.Equal("ok\n", await host.Http.GetStringAsync("/healthz"));
        await Task.Delay(2500);

        var metrics = await host.Http.GetStringAsync("/metrics");
        var published = MetricsText.RecordsOut(metrics, "demo-traffic", "synthetic-spans");
        Assert.True(published > 0, "no spans counted in /metrics:\n" + metrics);
        using var jobs = JsonDocument.Parse(await host.Http.GetStringAsync("/jobs"));
        Assert.Contains(jobs.RootElement.EnumerateArray(), j => j.GetProperty("name").GetString() == "demo-traffic" && j.GetProperty("state").GetString() == "Running");

        host.Terminate();
        Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains(host.Output, line => ProgressLine().IsMatch(line));
        Assert.All(host.Output.Where(line => line.StartsWith("progress", StringComparison.Ordinal)), line => Assert.True(line.Length <= 120, line));
        var totals = TotalsLine().Match(host.Output.Last(l => l.StartsWith("total", StringComparison.Ordinal)));
        Assert.True(totals.Success, string.Join("\n", host.Output));
        var generated = long.Parse(totals.Groups["generated"].Value.Replace(",", ""));
        Assert.True(generated >= published);
        // The archive of every span is off by default in the demo: the trace store keeps what the sampler decided.
        Assert.DoesNotContain("span-archive", totals.Value);
        Assert.Empty(Directory.GetFiles(Path.Combine(_workDir, "data"), "spans-*.ndjson"));
        Assert.True(File.Exists(Path.Combine(_workDir, "data", "traces.db")));

        // Every kept trace is one line with the policy that kept it; the drain decides every held trace.
        var sampled = Directory.GetFiles(Path.Combine(_workDir, "data"), "sampled-traces-*.ndjson").SelectMany(File.ReadLines).ToList();
        Assert.Equal(long.Parse(totals.Groups["kept"].Value.Replace(",", "")), sampled.Count);
        Assert.NotEmpty(sampled);
        using var kept = JsonDocument.Parse(sampled[0]);
        Assert.False(string.IsNullOrEmpty(kept.RootElement.GetProperty("policy").GetString()));
        Assert.NotEmpty(kept.RootElement.GetProperty("spans").EnumerateArray());
    }

    [Fact]
    public async Task The_span_archive_turned_on_writes_every_generated_span_as_zipkin_ndjson()
    {
        await using var host = HostProcess.Start(_workDir, "demo", "--StreamJobs:Jobs:demo-traffic:TracesPerSecond=300", "--StreamJobs:Jobs:span-archive:Enabled=true");
        Assert.True(await host.WaitForHttpAsync("/readyz", TimeSpan.FromSeconds(60)), "the host never became ready: " + string.Join("\n", host.Errors));
        await Task.Delay(1500);
        host.Terminate();
        Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        var totals = ArchiveTotalsLine().Match(host.Output.Last(l => l.StartsWith("total", StringComparison.Ordinal)));
        Assert.True(totals.Success, string.Join("\n", host.Output));
        var archived = long.Parse(totals.Groups["archived"].Value.Replace(",", ""));
        Assert.Equal(long.Parse(totals.Groups["generated"].Value.Replace(",", "")), archived);
        var lines = Directory.GetFiles(Path.Combine(_workDir, "data"), "spans-*.ndjson").SelectMany(File.ReadLines).ToList();
        Assert.Equal(archived, lines.Count);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Matches("^[0-9a-f]{32}$", first.RootElement.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task Bad_configuration_stops_the_start_with_the_key_and_the_allowed_values()
    {
        await using var host = HostProcess.Start(_workDir, "demo", "--StreamJobs:Jobs:demo-traffic:TracesPerSecond=0", "--StreamJobs:Jobs:span-archive:Enabled=perhaps");
        Assert.Equal(2, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var errors = string.Join("\n", host.Errors);
        Assert.Contains("StreamJobs:Jobs:demo-traffic:TracesPerSecond: The field TracesPerSecond must be between 1 and 10000000.", errors);
        Assert.Contains("StreamJobs:Jobs:span-archive:Enabled: 'perhaps' is not allowed; allowed values: true, false.", errors);
    }

    [Fact]
    public async Task A_free_port_on_localhost_stops_the_start_naming_the_addresses_to_use()
    {
        await using var host = HostProcess.StartUnbound(_workDir, 0, new Dictionary<string, string>(), "demo", "--StreamJobs:Http:Urls=http://localhost:0");
        Assert.Equal(2, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var errors = string.Join("\n", host.Errors);
        Assert.Contains("StreamJobs:Http:Urls: 'http://localhost:0' asks for a free port (0) on localhost", errors);
        Assert.Contains("use http://127.0.0.1:0 or http://[::1]:0", errors);
        Assert.DoesNotContain("Unhandled exception", errors);
    }

    public void Dispose() => Directory.Delete(_workDir, recursive: true);

    [GeneratedRegex(@"^progress \| spans [\d.]+[kM]?/s \| traces [\d.]+[kM]?/s kept [\d.]+[kM]?/s.* \| flows [\d.]+[kM]?/s attributed (\d+%|–) waiting [\d,]+")]
    private static partial Regex ProgressLine();

    [GeneratedRegex(@"^total \| demo-traffic in (?<generated>[\d,]+) out [\d,]+ .*\| traces in (?<decided>[\d,]+) kept (?<kept>[\d,]+)")]
    private static partial Regex TotalsLine();

    [GeneratedRegex(@"^total \| demo-traffic in (?<generated>[\d,]+) out [\d,]+ .*\| span-archive in [\d,]+ out (?<archived>[\d,]+)")]
    private static partial Regex ArchiveTotalsLine();
}
