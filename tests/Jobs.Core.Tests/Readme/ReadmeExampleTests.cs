using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StreamJobs.Jobs;
using StreamJobs.NamedStreams;
using StreamJobs.Streams;

namespace StreamJobs.Tests.Readme;

/// <summary>Keeps the job example in README.md honest: it must be this file, and it must work.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void The_readme_shows_the_example_job_verbatim()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var example = File.ReadAllText(Path.Combine(root, "tests", "Jobs.Core.Tests", "Readme", "ErrorsPerServiceJob.cs"));
        var body = example[(example.IndexOf("public sealed record SpanSummary", StringComparison.Ordinal))..].Trim();
        Assert.Contains(Normalize(body), Normalize(readme));
    }

    [Fact]
    public async Task The_example_job_counts_errors_per_service_per_minute()
    {
        var streams = new NamedStreamRegistry();
        await using var materializer = new Materializer();
        var context = new JobContext("errors-per-service", streams, new ServiceCollection().BuildServiceProvider(), TimeProvider.System, NullLoggerFactory.Instance);
        var results = streams.Stream<ServiceErrors>("errors-per-service").Subscribe().RunWith(Sink.Seq<ServiceErrors>(), materializer);
        var job = new ErrorsPerServiceJob().Build(context).Run(materializer, "errors-per-service");
        var minute = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var spans = new[]
        {
            new SpanSummary("api", minute.AddSeconds(1), true),
            new SpanSummary("api", minute.AddSeconds(2), false),
            new SpanSummary("api", minute.AddSeconds(59), true),
            new SpanSummary("db", minute.AddSeconds(30), true),
            new SpanSummary("api", minute.AddMinutes(1), true),
        };
        await Source.From(spans).RunWith(streams.Stream<SpanSummary>("span-summaries").Publish(), materializer);
        await job.WaitAsync(TimeSpan.FromSeconds(10));
        var counted = await results.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(
            [new ServiceErrors("api", minute, 2), new ServiceErrors("api", minute.AddMinutes(1), 1), new ServiceErrors("db", minute, 1)],
            counted.OrderBy(c => c.Service).ThenBy(c => c.Minute));
    }

    private static string Normalize(string text) => string.Join("\n", text.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd()));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "StreamJobs.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("StreamJobs.sln not found above " + AppContext.BaseDirectory);
    }
}
