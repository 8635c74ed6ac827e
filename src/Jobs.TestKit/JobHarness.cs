using Akka.Actor;
using Akka.Configuration;
using Akka.Streams.TestKit;
using Akka.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StreamJobs.Jobs;
using StreamJobs.NamedStreams;
using StreamJobs.Streams;
using Dsl = Akka.Streams.Dsl;

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
/// <remarks>
/// Each harness runs on an actor system of its own, terminated by <see cref="DisposeAsync"/>; <see cref="Probes"/>,
/// <see cref="SourceProbe{T}"/> and <see cref="SinkProbe{T}"/> give Akka.Streams.TestKit probes on it to test single
/// stages element by element.
/// </remarks>
public sealed class JobHarness : IAsyncDisposable
{
    private readonly StreamJob _job;
    private readonly object? _parameters;
    private readonly Dictionary<string, Action> _completeInputs = new();
    private readonly Dictionary<string, object> _queues = new();
    private readonly Materializer _materializer;
    private readonly Lazy<HarnessTestKit> _probes;
    private Task? _completion;

    /// <summary>Prepares <paramref name="job"/> with its <paramref name="parameters"/> (null for jobs without).</summary>
    public JobHarness(StreamJob job, object? parameters = null, IServiceProvider? services = null, int batchSize = 256)
    {
        _job = job ?? throw new ArgumentNullException(nameof(job));
        _parameters = parameters;
        Services = services ?? new ServiceCollection().BuildServiceProvider();
        System = ActorSystem.Create("jobharness", HarnessConfig);
        _materializer = new Materializer(System, new MaterializerSettings { BatchSize = batchSize, Time = Time, DeadLetters = DeadLetters });
        _probes = new Lazy<HarnessTestKit>(() => HarnessTestKit.Create(System));
    }

    /// <summary>The actor system the job runs on, created for this harness.</summary>
    public ActorSystem System { get; }

    /// <summary>The materializer the job runs on, to run graphs of stages under test (with probes at their ends).</summary>
    public Materializer Materializer => _materializer;

    /// <summary>
    /// Akka's test kit on <see cref="System"/>, for <c>TestSource.SourceProbe&lt;Batch&lt;T&gt;&gt;(harness.Probes)</c>,
    /// <c>TestSink.SinkProbe&lt;Batch&lt;T&gt;&gt;(harness.Probes)</c> and test probes. Failed expectations throw
    /// <see cref="ProbeAssertionException"/>, whatever the test framework.
    /// </summary>
    public TestKitBase Probes => _probes.Value;

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

    /// <summary>
    /// A source whose batches the test sends through the probe it materializes to (<c>ExpectRequest</c>, <c>SendNext</c>,
    /// <c>SendComplete</c>, <c>SendError</c>; <see cref="BatchProbeExtensions.SendBatch{T}"/> sends records).
    /// Each call makes one probe, so the source runs once: call again for another run.
    /// </summary>
    public Source<T, TestPublisher.Probe<Batch<T>>> SourceProbe<T>()
    {
        var probe = Probes.CreatePublisherProbe<Batch<T>>();
        var runs = 0;
        return Source.FromAkka(Dsl.Source.FromPublisher(probe)).MapMaterializedValue(_ => Once(ref runs, probe, nameof(SourceProbe)));
    }

    /// <summary>
    /// A sink that hands the batches it receives to the probe it materializes to (<c>Request</c>, <c>ExpectNext</c>,
    /// <c>ExpectComplete</c>, <c>ExpectError</c>; <see cref="BatchProbeExtensions.RequestNextBatch{T}"/> returns records).
    /// The probe gets copies, so the batches stay valid after the stream moved on. Each call makes one probe, so the
    /// sink runs once: call again for another run.
    /// </summary>
    public Sink<T, TestSubscriber.Probe<Batch<T>>> SinkProbe<T>()
    {
        var probe = Probes.CreateSubscriberProbe<Batch<T>>();
        var runs = 0;
        var copies = Dsl.FlowOperations.Select(Dsl.Flow.Create<Batch<T>>(), batch => new Batch<T>(batch.ToArray(), batch.Count));
        var akka = Dsl.FlowOperations.WatchTermination(copies, Dsl.Keep.Right)
            .To(Dsl.Sink.FromSubscriber(probe))
            .MapMaterializedValue(done => (Task)done);
        return Sink.FromAkka(akka).MapMaterializedValue(_ => Once(ref runs, probe, nameof(SinkProbe)));
    }

    /// <summary>Aborts what still runs and terminates <see cref="System"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await _materializer.DisposeAsync().ConfigureAwait(false);
        await System.Terminate().ConfigureAwait(false);
    }

    // A probe takes one subscription; a second run would silently share it.
    private static TProbe Once<TProbe>(ref int runs, TProbe probe, string factory) =>
        Interlocked.Increment(ref runs) == 1
            ? probe
            : throw new InvalidOperationException($"A probe runs once; call {factory} again for another run.");

    // Akka's test-kit defaults (loggers, expectation timeouts) under the engine's quiet, host-owned settings.
    private static readonly Config HarnessConfig = ConfigurationFactory.ParseString("akka.test.single-expect-default = 10s")
        .WithFallback(StreamJobs.Streams.EngineConfig.Akka)
        .WithFallback(TestKitBase.DefaultConfig);

    private SourceQueue<T> Input<T>(string stream)
    {
        if (_queues.TryGetValue(stream, out var existing)) return (SourceQueue<T>)existing;
        var queue = Source.Queue<T>(64).To(Streams.Stream<T>(stream).Publish()).Run(_materializer, "input-" + stream);
        _queues[stream] = queue;
        _completeInputs[stream] = queue.Complete;
        return queue;
    }
}
