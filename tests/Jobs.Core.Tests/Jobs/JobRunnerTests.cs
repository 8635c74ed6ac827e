using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using StreamJobs.Hosting;
using StreamJobs.Jobs;
using StreamJobs.NamedStreams;
using StreamJobs.Streams;

namespace StreamJobs.Tests.Jobs;

public sealed class JobRunnerTests
{
    public enum Mode { Fast, Safe }

    public sealed class DoublerParameters
    {
        [Description("What to multiply by.")]
        [Range(1, 100)]
        public int Factor { get; set; } = 2;

        [Description("How to run.")]
        public Mode Mode { get; set; } = Mode.Fast;
    }

    [Description("Multiplies numbers.")]
    public sealed class DoublerJob : StreamJob<DoublerParameters>
    {
        protected override JobGraph Build(JobContext context, DoublerParameters parameters) =>
            context.Subscribe<int>("numbers").Select(x => x * parameters.Factor).To(context.Publish<int>("products"));
    }

    public sealed class NumbersJob : StreamJob
    {
        public override JobGraph Build(JobContext context) =>
            Source.From(Enumerable.Range(1, 100)).To(context.Publish<int>("numbers"));
    }

    public sealed class CollectJob : StreamJob
    {
        public static readonly List<int> Seen = new();

        public override JobGraph Build(JobContext context) =>
            context.Subscribe<int>("products").To(Sink.ForEach<int>(x => { lock (Seen) Seen.Add(x); }));
    }

    [Fact]
    public async Task Chained_jobs_run_with_parameters_bound_from_configuration()
    {
        await using var provider = Build(new() { ["StreamJobs:Jobs:doubler:Factor"] = "3" });
        var runner = provider.GetRequiredService<JobRunner>();
        await runner.StartAsync(default);
        await runner.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Enumerable.Range(1, 100).Select(x => x * 3), CollectJob.Seen.Order());
        Assert.All(runner.Jobs, j => Assert.Equal(JobState.Completed, j.State));
    }

    [Fact]
    public async Task Bad_configuration_fails_the_start_naming_every_key_and_the_allowed_values()
    {
        await using var provider = Build(new()
        {
            ["StreamJobs:Jobs:doubler:Factor"] = "0",
            ["StreamJobs:Jobs:doubler:Mode"] = "Turbo",
            ["StreamJobs:Jobs:doubler:Fcator"] = "2",
            ["StreamJobs:Jobs:tripler:Factor"] = "3",
            ["StreamJobs:Jobs:numbers:Enabled"] = "maybe",
        });
        var runner = provider.GetRequiredService<JobRunner>();
        var error = await Assert.ThrowsAsync<JobConfigurationException>(() => runner.StartAsync(default));
        Assert.Equal(
        [
            "StreamJobs:Jobs:tripler: no job named 'tripler' is registered; registered jobs: numbers, doubler, collect.",
            "StreamJobs:Jobs:numbers:Enabled: 'maybe' is not allowed; allowed values: true, false.",
            "StreamJobs:Jobs:doubler:Fcator: not a parameter of this job; its parameters are: Factor, Mode.",
            "StreamJobs:Jobs:doubler:Mode: 'Turbo' is not allowed; allowed values: Fast, Safe.",
            "StreamJobs:Jobs:doubler:Factor: The field Factor must be between 1 and 100.",
        ], error.Problems);
    }

    [Fact]
    public void Jobs_describe_themselves_and_their_parameters()
    {
        var services = new ServiceCollection();
        var catalog = services.AddStreamJobs().AddJob<DoublerJob>().Catalog;
        var job = Assert.Single(catalog.Jobs);
        Assert.Equal("doubler", job.Name);
        Assert.Equal("Multiplies numbers.", job.Description);
        Assert.Equal(
        [
            new JobParameterDescriptor("Factor", "Int32", "2", "What to multiply by.", "1 .. 100"),
            new JobParameterDescriptor("Mode", "Mode", "Fast", "How to run.", "Fast | Safe"),
        ], job.Parameters);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        lock (CollectJob.Seen) CollectJob.Seen.Clear();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddStreamJobs().AddJob<NumbersJob>().AddJob<DoublerJob>().AddJob<CollectJob>();
        return services.BuildServiceProvider();
    }
}
