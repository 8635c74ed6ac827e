using System.Reflection;

namespace StreamJobs.PublicApi.Tests;

/// <summary>
/// Locks every package's public API: a change shows up as a diff of tests/Jobs.PublicApi.Tests/approved/*.txt in review.
/// To accept a change, run the tests with STREAMJOBS_APPROVE_API=1 and commit the updated files.
/// </summary>
public sealed class PublicApiTests
{
    public static TheoryData<string> Assemblies => new()
    {
        "StreamJobs.Core", "StreamJobs.TestKit", "StreamJobs.Telemetry", "StreamJobs.SpanBuffer", "StreamJobs.TailSampler",
        "StreamJobs.FlowEnricher", "StreamJobs.Mql", "StreamJobs.Cassandra", "StreamJobs.Kafka", "StreamJobs.Sqlite",
    };

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void The_public_api_is_the_approved_one(string assemblyName)
    {
        var actual = PublicApiWriter.Describe(Assembly.Load(assemblyName));
        var approvedPath = Path.Combine(SourceDirectory(), "approved", assemblyName + ".txt");
        if (Environment.GetEnvironmentVariable("STREAMJOBS_APPROVE_API") == "1") File.WriteAllText(approvedPath, actual);
        Assert.True(File.Exists(approvedPath), $"No approved API for {assemblyName}: run with STREAMJOBS_APPROVE_API=1 and commit {approvedPath}.");
        var approved = File.ReadAllText(approvedPath).ReplaceLineEndings("\n");
        if (approved == actual) return;
        var approvedLines = approved.Split('\n').ToHashSet();
        var actualLines = actual.Split('\n').ToHashSet();
        var added = actualLines.Except(approvedLines).Select(l => "+ " + l);
        var removed = approvedLines.Except(actualLines).Select(l => "- " + l);
        Assert.Fail($"The public API of {assemblyName} changed (run with STREAMJOBS_APPROVE_API=1 to accept):\n" + string.Join("\n", removed.Concat(added)));
    }

    private static string SourceDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "StreamJobs.sln"))) directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("StreamJobs.sln not found"), "tests", "Jobs.PublicApi.Tests");
    }
}
