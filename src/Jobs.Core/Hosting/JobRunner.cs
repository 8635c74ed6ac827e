using System.Diagnostics;
using Akka.Actor;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamJobs.Jobs;
using StreamJobs.Metrics;
using StreamJobs.NamedStreams;
using StreamJobs.Streams;

namespace StreamJobs.Hosting;

/// <summary>
/// Runs the registered jobs as a hosted service. On start it binds and validates every job's parameters (failing the
/// start with every problem listed), builds every graph, and only then starts the sources, so that no job publishes
/// before its subscribers are wired. On stop it drains: sources stop, in-flight batches and held state flow to the sinks.
/// </summary>
public sealed class JobRunner : IHostedService, IAsyncDisposable
{
    private readonly JobCatalog _catalog;
    private readonly IServiceProvider _services;
    private readonly IConfiguration _configuration;
    private readonly StreamJobsOptions _options;
    private readonly ILogger<JobRunner> _logger;
    private readonly List<JobStatus> _statuses = new();
    private readonly List<Task> _watchers = new();
    private Materializer? _materializer;

    /// <summary>Created by dependency injection.</summary>
    public JobRunner(JobCatalog catalog, IServiceProvider services, IConfiguration configuration, IOptions<StreamJobsOptions> options, ILogger<JobRunner> logger)
    {
        _catalog = catalog;
        _services = services;
        _configuration = configuration;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Every registered job with its state.</summary>
    public IReadOnlyList<JobStatus> Jobs => _statuses;

    /// <summary>
    /// True once every enabled job has started and none of the host's own jobs has failed. Plugin jobs do not count: a
    /// broken plugin is reported on /jobs but does not take the replica out of service.
    /// </summary>
    public bool IsReady => _materializer is not null
        && _statuses.All(s => s.State is JobState.Running or JobState.Completed or JobState.Disabled || s.Descriptor.Plugin is not null);

    /// <summary>Completes when every started job has completed (or failed) and its state says so.</summary>
    public Task Completion => Task.WhenAll(_watchers);

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var plans = Plan();
        var settings = new MaterializerSettings
        {
            BatchSize = _options.BatchSize,
            BufferBatches = _options.BufferBatches,
            Time = _services.GetRequiredService<TimeProvider>(),
            Metrics = _services.GetRequiredService<StreamMetrics>(),
            DeadLetters = _services.GetRequiredService<IDeadLetterSink>(),
            LoggerFactory = _services.GetRequiredService<ILoggerFactory>(),
        };
        var materializer = new Materializer(_services.GetRequiredService<ActorSystem>(), settings);
        var started = new List<(JobStatus Status, GraphScope Scope)>();
        foreach (var (status, parameters) in plans)
        {
            var descriptor = status.Descriptor;
            var scope = materializer.CreateScope(descriptor.Name);
            try
            {
                var job = (StreamJob)ActivatorUtilities.CreateInstance(_services, descriptor.JobType);
                var context = new JobContext(descriptor.Name, _services.GetRequiredService<NamedStreamRegistry>(), _services, settings.Time, settings.LoggerFactory, parameters);
                job.Build(context).Materialize(scope);
                started.Add((status, scope));
            }
            catch (Exception error) when (descriptor.Plugin is not null)
            {
                scope.Abort();
                Fail(status, error);
            }
        }
        foreach (var (status, scope) in started)
        {
            status.State = JobState.Running;
            scope.Start();
            _watchers.Add(WatchAsync(status, scope.Completion));
        }
        _materializer = materializer;
        _logger.LogInformation("Started {Count} job(s): {Jobs}", started.Count, string.Join(", ", started.Select(s => s.Status.Descriptor.Name)));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_materializer is null) return;
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        drain.CancelAfter(_options.DrainTimeout);
        var started = Stopwatch.GetTimestamp();
        _services.GetRequiredService<NamedStreamRegistry>().EndUnpublished();
        try
        {
            await _materializer.ShutdownAsync(drain.Token).ConfigureAwait(false);
            _logger.LogInformation("All jobs drained");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's own stop timeout ran out first: services stopped before the jobs (open HTTP requests) used it up.
            _logger.LogWarning("Draining was cut off after {Elapsed} by the host's shutdown timeout (HostOptions.ShutdownTimeout), before {Key} ({Timeout}); in-flight records were dropped",
                Stopwatch.GetElapsedTime(started), StreamJobsOptions.Section + ":DrainTimeout", _options.DrainTimeout);
        }
        catch (OperationCanceledException)
        {
            _logger.LogWarning("Draining took longer than {Key} ({Timeout}); in-flight records were dropped",
                StreamJobsOptions.Section + ":DrainTimeout", _options.DrainTimeout);
        }
        catch (Exception error)
        {
            _logger.LogError(error, "A job failed while draining");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_materializer is not null) await _materializer.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Binds and validates every job's configuration; throws listing every problem.</summary>
    private List<(JobStatus Status, object? Parameters)> Plan()
    {
        var problems = new List<string>();
        var jobsSection = _configuration.GetSection(StreamJobsOptions.Section + ":Jobs");
        foreach (var configured in jobsSection.GetChildren())
        {
            if (!_catalog.Jobs.Any(j => string.Equals(j.Name, configured.Key, StringComparison.OrdinalIgnoreCase)))
                problems.Add($"{configured.Path}: no job named '{configured.Key}' is registered; registered jobs: {string.Join(", ", _catalog.Jobs.Select(j => j.Name))}.");
        }
        var plans = new List<(JobStatus, object?)>();
        foreach (var descriptor in _catalog.Jobs)
        {
            var status = new JobStatus(descriptor);
            _statuses.Add(status);
            var section = jobsSection.GetSection(descriptor.Name);
            var enabled = section["Enabled"];
            if (enabled is not null && !bool.TryParse(enabled, out _))
                problems.Add($"{section.Path}:Enabled: '{enabled}' is not allowed; allowed values: true, false.");
            if (enabled is not null && bool.TryParse(enabled, out var on) && !on)
            {
                status.State = JobState.Disabled;
                continue;
            }
            var jobProblems = descriptor.Plugin is null ? problems : new List<string>();
            var parameters = descriptor.ParametersType is null ? null : JobParameters.Bind(descriptor.ParametersType, section, jobProblems);
            if (jobProblems.Count > 0 && descriptor.Plugin is not null)
            {
                Fail(status, new JobConfigurationException(jobProblems));
                continue;
            }
            plans.Add((status, parameters));
        }
        if (problems.Count > 0) throw new JobConfigurationException(problems);
        return plans;
    }

    /// <summary>A plugin job that cannot start is reported and left out; the other jobs go on.</summary>
    private void Fail(JobStatus status, Exception error)
    {
        status.Error = error;
        status.State = JobState.Failed;
        _logger.LogError(error, "Job {Job} from plugin {Plugin} could not start and is left out: {Message}", status.Descriptor.Name, status.Descriptor.Plugin, error.Message);
    }

    private async Task WatchAsync(JobStatus status, Task completion)
    {
        try
        {
            await completion.ConfigureAwait(false);
            status.State = JobState.Completed;
            _logger.LogInformation("Job {Job} completed", status.Descriptor.Name);
        }
        catch (Exception error)
        {
            status.Error = error;
            status.State = JobState.Failed;
            _logger.LogError(error, "Job {Job} failed", status.Descriptor.Name);
        }
    }
}
