using System.Diagnostics;
using StreamJobs.Packaging.Tests.Support;

namespace StreamJobs.Packaging.Tests;

/// <summary>`dotnet tool install` from the packed nupkg puts a working <c>mql</c> on the path, as docs/first-job.md says.</summary>
[Collection(DotNetPack.Collection)]
public sealed class MqlToolTests : IDisposable
{
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(5);
    private readonly string _root = Directory.CreateTempSubdirectory("streamjobs-tool-").FullName;
    private readonly string _version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_packed_mql_tool_installs_and_queries_a_file()
    {
        var work = _root;
        var feed = Path.Combine(work, "feed");
        await DotNet.SucceedAsync(PackagesFixture.RepositoryRoot, Slow,
            "pack", Path.Combine("src", "Mql.Tool"), "-c", "Release", "-o", feed, "-p:Version=" + _version, "-nologo");
        var tools = Path.Combine(work, "tools");
        await DotNet.SucceedAsync(work, Slow, "tool", "install", "StreamJobs.Mql.Tool", "--tool-path", tools,
            "--add-source", feed, "--version", _version);

        var records = Path.Combine(work, "events.ndjson");
        await File.WriteAllLinesAsync(records, ["""{"service":"api","status":503}""", """{"service":"web","status":200}""", """{"service":"api","status":500}"""]);
        var (code, output) = await RunAsync(Path.Combine(tools, "mql"), work, "--file", records, "select service, count(*) as n where status >= 500 group by service");

        Assert.True(code == 0, $"mql exited with {code}:\n{output}");
        Assert.Contains("""{"service":"api","n":2}""", output);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static async Task<(int, string)> RunAsync(string program, string directory, params string[] args)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
