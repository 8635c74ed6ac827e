using Microsoft.Extensions.Logging;
using StreamJobs.Metrics;

namespace StreamJobs.Streams;

/// <summary>
/// One materialized graph: its settings, its stop signals, the producers to start and the sinks whose
/// completion is the graph's completion.
/// </summary>
internal sealed class GraphScope
{
    private readonly CancellationTokenSource _abort = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly List<Func<Task>> _deferred = new();
    private readonly List<Task> _sinks = new();
    private readonly HashSet<string> _stageNames = new();
    private bool _started;

    public GraphScope(MaterializerSettings settings, string name, bool deferStart)
    {
        Settings = settings;
        Name = name;
        _started = !deferStart;
        Logger = settings.LoggerFactory.CreateLogger("StreamJobs.Graph." + name);
    }

    public MaterializerSettings Settings { get; }

    public string Name { get; }

    public ILogger Logger { get; }

    /// <summary>Cancelled when the graph must stop at once, dropping what is in flight.</summary>
    public CancellationToken Aborted => _abort.Token;

    /// <summary>Cancelled when sources must stop producing and complete, so that what is in flight drains.</summary>
    public CancellationToken ShutdownRequested => _shutdown.Token;

    /// <summary>Completes when every sink of the graph has completed; faults with the first failure.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public StageMetrics Stage(Attributes attributes, string defaultName, StageKind kind = StageKind.Flow)
    {
        var name = attributes.Name ?? defaultName;
        lock (_stageNames)
        {
            var unique = name;
            for (var i = 2; !_stageNames.Add(unique); i++) unique = name + "-" + i;
            return Settings.Metrics.For(Name, unique, kind);
        }
    }

    public SupervisionStrategy SupervisionOf(Attributes attributes) => attributes.Supervision ?? Settings.Supervision;

    public int BufferBatchesOf(Attributes attributes) => attributes.BufferBatches ?? Settings.BufferBatches;

    /// <summary>Runs a producer now, or when <see cref="Start"/> is called for a deferred graph.</summary>
    public void Launch(Func<Task> producer)
    {
        lock (_deferred)
        {
            if (!_started)
            {
                _deferred.Add(producer);
                return;
            }
        }
        _ = Task.Run(producer);
    }

    public void Start()
    {
        Func<Task>[] pending;
        lock (_deferred)
        {
            _started = true;
            pending = _deferred.ToArray();
            _deferred.Clear();
        }
        foreach (var producer in pending) _ = Task.Run(producer);
    }

    public void TrackSink(Task completion)
    {
        lock (_sinks)
        {
            _sinks.Add(completion);
            Completion = Task.WhenAll(_sinks);
        }
        // A failed sink means the graph has failed: stop every other branch too.
        completion.ContinueWith(static (t, state) => ((GraphScope)state!).Abort(), this,
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public void Shutdown() => _shutdown.Cancel();

    public void Abort()
    {
        _shutdown.Cancel();
        _abort.Cancel();
    }

    public void PublishDeadLetter(StageMetrics stage, object? record, Exception error)
    {
        stage.AddDeadLettered(1);
        try
        {
            Settings.DeadLetters.Publish(new DeadLetter(stage.Job, stage.Stage, record, error, Settings.Time.GetUtcNow()));
        }
        catch (Exception sinkError)
        {
            Logger.LogError(sinkError, "The dead-letter sink failed");
        }
    }
}
