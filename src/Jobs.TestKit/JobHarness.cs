using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StreamJobs.Jobs;
using StreamJobs.NamedStreams;
using StreamJobs.Streams;

namespace StreamJobs.TestKit;

/// <summary>
/// Runs one job in memory for a test: records go in through its input streams, come out through probes on its output
/// streams, and time moves only when the test says so.
/// </summary>
/// <example>
/// <code>
/// await using var harness = new JobHarness(new MyJob(), parameters: new MyParameters { Window = TimeSpan.FromMinutes(1) });
/// var output = harness.Output&lt;Total&gt;("totals");
/// await harness.StartAsync();
/// await harness.SendAsync("readings", readings);
/// harness.Time.Advance(TimeSpan.FromMinutes(2));
/// var totals = await output.WaitForAsync(3);
/// </code>
/// </example>
public sealed class JobHarness : IAsyncDisposable
{
    private readonly StreamJob _job;
    private readonly object? _parameters;
    private readonly Dictionary<string, Action> _completeInputs = new();
    private readonly Dictionary<string, object> _queues = new();
    private readonly Materializer _materializer;
    private Task? _completion;

    /// <summary>Prepares <paramref name="job"/> with its <paramref name="parameters"/> (null for jobs without).</summary>
    public JobHarness(StreamJob job, object? parameters = null, IServiceProvider? services = null, int batchSize = 256)
    {
        _job = job ?? throw new ArgumentNullException(nameof(job));
        _parameters = parameters;
        Services = services ?? new ServiceCollection().BuildServiceProvider();
        _materializer = new Materializer(new MaterializerSettings { BatchSize = batchSize, Time = Time, DeadLetters = DeadLetters });
    }

    /// <summary>The job's clock.</summary>
    public ManualTimeProvider Time { get; } = new();

    /// <summary>The named streams the job sees.</summary>
    public NamedStreamRegistry Streams { get; } = new();

    /// <summary>Records the job dead-lettered.</summary>
    public DeadLetterLog DeadLetters { get; } = new();

    /// <summary>Services the job is built with.</summary>
    public IServiceProvider Services { get; }

    /// <summary>Stage counters of the job.</summary>
    public IEnumerable<Metrics.StageMetrics> Metrics => _materializer.Settings.Metrics.ForJob("job");

    /// <summary>Watches the output stream <paramref name="stream"/>. Call before <see cref="StartAsync"/>.</summary>
    public OutputProbe<T> Output<T>(string stream)
    {
        var probe = new OutputProbe<T>(stream);
        Streams.Stream<T>(stream).Subscribe().RunWith(Sink.ForEach<T>(probe.Add), _materializer);
        return probe;
    }

    /// <summary>Builds and starts the job.</summary>
    public Task StartAsync()
    {
        if (_completion is not null) throw new InvalidOperationException("The job has already been started.");
        var context = new JobContext("job", Streams, Services, Time, NullLoggerFactory.Instance, _parameters);
        _completion = _job.Build(context).Run(_materializer, "job");
        return Task.CompletedTask;
    }

    /// <summary>Publishes <paramref name="records"/> into the input stream <paramref name="stream"/>. Call after <see cref="StartAsync"/>.</summary>
    public ValueTask SendAsync<T>(string stream, params T[] records)
    {
        // Records published before the job subscribed would reach nobody.
        if (_completion is null) throw new InvalidOperationException("Start the job before sending records to it.");
        return Input<T>(stream).OfferAsync(records);
    }

    /// <summary>
    /// Waits until the job's stage <paramref name="stage"/> (e.g. <c>tumbling-window</c>, or a name given with <c>Named</c>)
    /// has taken <paramref name="count"/> records: call it before moving <see cref="Time"/>, so records sent are handled at
    /// the time they were sent, however busy the machine is.
    /// </summary>
    public async Task WaitUntilTakenAsync(string stage, long count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!Metrics.Any(s => s.Stage == stage && s.In >= count))
        {
            if (DateTime.UtcNow > deadline)
            {
                var seen = Metrics.FirstOrDefault(s => s.Stage == stage);
                throw new TimeoutException(seen is null
                    ? $"The job has no stage '{stage}'; its stages are: {string.Join(", ", Metrics.Select(s => s.Stage))}."
                    : $"Stage '{stage}' took {seen.In} record(s); expected at least {count}.");
            }
            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    /// <summary>Ends every input stream and waits until the job has drained (its windows flushed) and completed.</summary>
    public async Task CompleteAsync(TimeSpan? timeout = null)
    {
        if (_completion is null) throw new InvalidOperationException("Start the job first.");
        foreach (var complete in _completeInputs.Values) complete();
        await _completion.WaitAsync(timeout ?? TimeSpan.FromSeconds(10)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _materializer.DisposeAsync();

    private SourceQueue<T> Input<T>(string stream)
    {
        if (_queues.TryGetValue(stream, out var existing)) return (SourceQueue<T>)existing;
        var queue = Source.Queue<T>(64).To(Streams.Stream<T>(stream).Publish()).Run(_materializer, "input-" + stream);
        _queues[stream] = queue;
        _completeInputs[stream] = queue.Complete;
        return queue;
    }
}
