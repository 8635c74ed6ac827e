using System.Text.Json;
using StreamJobs.Host.Tests.Support;
using StreamJobs.Packaging.Tests.Support;

namespace StreamJobs.Packaging.Tests;

/// <summary>What an engineer outside the project does: a new job from the template, and the sample job as a host plugin.</summary>
[Collection(DotNetPack.Collection)]
public sealed class OutsideProjectTests(PackagesFixture packages) : IClassFixture<PackagesFixture>
{
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task The_template_creates_a_job_whose_tests_pass_against_the_packages()
    {
        var work = Directory.CreateDirectory(Path.Combine(packages.Root, "template")).FullName;
        var hive = Path.Combine(work, "hive");
        var template = Path.Combine(PackagesFixture.RepositoryRoot, "templates", "StreamJob");
        await DotNet.SucceedAsync(work, Slow, "new", "install", template, "--debug:custom-hive", hive);
        await DotNet.SucceedAsync(work, Slow, "new", "streamjob", "-n", "Acme.Orders", "-o", "Acme.Orders", "--StreamJobsVersion", packages.Version, "--debug:custom-hive", hive);
        var created = Path.Combine(work, "Acme.Orders");
        Assert.True(File.Exists(Path.Combine(created, "Acme.Orders", "SlowSpansJob.cs")));
        packages.WriteNuGetConfig(created);

        var output = await DotNet.SucceedAsync(created, Slow, "test", "Acme.Orders.Tests");
        Assert.Contains("Passed!", output);
    }

    [Fact]
    public async Task The_sample_job_builds_against_the_packages_runs_in_the_host_as_a_plugin_and_can_be_tapped()
    {
        var sample = Path.Combine(packages.Root, "samples");
        CopyDirectory(Path.Combine(PackagesFixture.RepositoryRoot, "samples"), sample);
        var project = Path.Combine(sample, "EdgeThroughput");
        packages.WriteNuGetConfig(project);
        var version = "-p:StreamJobsVersion=" + packages.Version;

        Assert.Contains("Passed!", await DotNet.SucceedAsync(project, Slow, "test", "EdgeThroughput.Tests", version));
        var plugins = Path.Combine(packages.Root, "plugins");
        await DotNet.SucceedAsync(project, Slow, "publish", "EdgeThroughput", "-c", "Release", "-o", Path.Combine(plugins, "EdgeThroughput"), version);
        Directory.CreateDirectory(Path.Combine(plugins, "Broken"));
        await File.WriteAllTextAsync(Path.Combine(plugins, "Broken", "Broken.dll"), "not an assembly");

        await using var host = HostProcess.Start(packages.Root, "demo",
            "--StreamJobs:Plugins:Directory=" + plugins,
            "--StreamJobs:Jobs:edge-throughput:Window=00:00:02");
        Assert.True(await host.WaitForHttpAsync("/readyz", TimeSpan.FromSeconds(90)), "host not ready:\n" + string.Join("\n", host.Errors));

        using var jobs = JsonDocument.Parse(await host.Http.GetStringAsync("/jobs"));
        var edge = jobs.RootElement.EnumerateArray().Single(j => j.GetProperty("name").GetString() == "edge-throughput");
        Assert.Equal("EdgeThroughput", edge.GetProperty("plugin").GetString());
        Assert.Equal("Running", edge.GetProperty("state").GetString());
        using var loaded = JsonDocument.Parse(await host.Http.GetStringAsync("/plugins"));
        var broken = loaded.RootElement.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Broken");
        Assert.False(string.IsNullOrEmpty(broken.GetProperty("error").GetString()));

        var (code, output) = await DotNet.RunAsync(packages.Root, TimeSpan.FromMinutes(2),
            Path.Combine(AppContext.BaseDirectory, "mql.dll"), "--host", host.Http.BaseAddress!.ToString().TrimEnd('/'),
            "select * from edge-throughput", "--limit", "1", "--duration", "60s");
        Assert.True(code == 0, $"mql exited with {code}:\n{output}");
        var report = output.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith('{') && l.Contains("\"Edge\"", StringComparison.OrdinalIgnoreCase));
        using var parsed = JsonDocument.Parse(report);
        Assert.True(parsed.RootElement.EnumerateObject().Any(p => p.Name.Equals("flows", StringComparison.OrdinalIgnoreCase) && p.Value.GetInt64() > 0), report);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")) continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
