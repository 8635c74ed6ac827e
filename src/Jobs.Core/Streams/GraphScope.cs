using Akka.Streams;
using Microsoft.Extensions.Logging;
using StreamJobs.Metrics;
using AkkaNotUsed = Akka.NotUsed;
using Dsl = Akka.Streams.Dsl;

namespace StreamJobs.Streams;

/// <summary>
/// One materialized job graph: its settings, its stop signals, the Akka graphs to run once everything is wired, and the
/// tasks (sinks, source stops) whose completion is the graph's completion.
/// </summary>
/// <remarks>
/// Per-run state (queues, logics, completion tasks) is created while wiring, before Akka materializes anything, so the
/// materialized values are known at once and a subscriber is registered before any job of the host starts publishing.
/// </remarks>
internal sealed class GraphScope
{
    private readonly CancellationTokenSource _abort = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly List<Dsl.IRunnableGraph<AkkaNotUsed>> _pending = new();
    private readonly List<Task> _completions = new();
    private readonly HashSet<string> _stageNames = new();
    private readonly IMaterializer _akka;
    private readonly SharedKillSwitch _abortSwitch;
    private readonly SharedKillSwitch _drainSwitch;
    private bool _started;

    public GraphScope(MaterializerSettings settings, IMaterializer akka, string name)
    {
        Settings = settings;
        Name = name;
        _akka = akka;
        _abortSwitch = KillSwitches.Shared("abort-" + name);
        _drainSwitch = KillSwitches.Shared("drain-" + name);
        Logger = settings.LoggerFactory.CreateLogger("StreamJobs.Graph." + name);
    }

    public MaterializerSettings Settings { get; }

    public string Name { get; }

    public ILogger Logger { get; }

    /// <summary>Cancelled when the graph must stop at once, dropping what is in flight.</summary>
    public CancellationToken Aborted => _abort.Token;

    /// <summary>Cancelled when sources must stop producing and complete, so that what is in flight drains.</summary>
    public CancellationToken ShutdownRequested => _shutdown.Token;

    /// <summary>Completes when every sink and source stop of the graph has completed; faults with the first failure.</summary>
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

    /// <summary>
    /// An engine source, followed by the graph's abort switch. Engine sources stop themselves on a drain (finishing the
    /// read in flight), so only an abort needs a switch; a switch's graceful shutdown would cancel that read.
    /// </summary>
    public Dsl.Source<Batch<T>, AkkaNotUsed> Source<T>(IGraph<SourceShape<Batch<T>>, AkkaNotUsed> source) =>
        Dsl.Source.FromGraph(source).Via(_abortSwitch.Flow<Batch<T>>());

    /// <summary>
    /// A source built with Akka.Streams, followed by the drain switch (it cannot be asked to finish its read, so a drain
    /// completes downstream and cancels it) and the abort switch.
    /// </summary>
    public Dsl.Source<Batch<T>, AkkaNotUsed> Foreign<T, TMat>(IGraph<SourceShape<Batch<T>>, TMat> source) =>
        Dsl.Source.FromGraph(source).MapMaterializedValue(_ => AkkaNotUsed.Instance)
            .Via(_drainSwitch.Flow<Batch<T>>())
            .Via(_abortSwitch.Flow<Batch<T>>());

    /// <summary>Runs <paramref name="graph"/> now, or when <see cref="Start"/> is called.</summary>
    /// <param name="graph">The wired graph.</param>
    /// <param name="inputBuffer">The input buffer of its last island, when its last async boundary asked for one.</param>
    public void Run(Dsl.IRunnableGraph<AkkaNotUsed> graph, int? inputBuffer = null)
    {
        if (inputBuffer is { } size) graph = graph.AddAttributes(Akka.Streams.Attributes.CreateInputBuffer(size, size));
        lock (_pending)
        {
            if (!_started)
            {
                _pending.Add(graph);
                return;
            }
        }
        graph.Run(_akka);
    }

    public void Start()
    {
        Dsl.IRunnableGraph<AkkaNotUsed>[] pending;
        lock (_pending)
        {
            _started = true;
            pending = _pending.ToArray();
            _pending.Clear();
        }
        foreach (var graph in pending) graph.Run(_akka);
    }

    /// <summary>Adds a task the graph's completion waits for; a faulted one aborts the rest of the graph.</summary>
    public void Track(Task completion)
    {
        lock (_completions)
        {
            _completions.Add(completion);
            Completion = Task.WhenAll(_completions);
        }
        completion.ContinueWith(static (t, state) => ((GraphScope)state!).Abort(t.Exception!.GetBaseException()), this,
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public void Shutdown()
    {
        _shutdown.Cancel();
        _drainSwitch.Shutdown();
    }

    public void Abort(Exception? cause = null)
    {
        // Aborted first: a source woken by the drain signal must already see that this is an abort, not a drain.
        _abort.Cancel();
        _shutdown.Cancel();
        _abortSwitch.Abort(cause ?? new OperationCanceledException($"Graph '{Name}' was aborted."));
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

    /// <summary>
    /// A record a stage dead-lettered has reached its destination, the dead-letter sink: complete its receipts, so its
    /// source commits past it instead of stalling behind it (and replaying it after every restart).
    /// </summary>
    public static void CompleteReceipts<T>(T record)
    {
        if (record is Acknowledgement.IHasReceipts receipted) receipted.CompleteReceipts();
    }

    /// <summary>Akka sizes input buffers in powers of two.</summary>
    internal static int InputBuffer(int batches) => (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, batches));
}
