using Akka.Actor;
using Akka.Configuration;
using Akka.Streams;

namespace StreamJobs.Streams;

/// <summary>
/// Runs graphs on Akka.Streams. Holds the engine settings and every graph it started, so that they can be shut down
/// gracefully (sources stop, in-flight batches drain) or aborted together.
/// </summary>
/// <remarks>
/// A host passes its <see cref="ActorSystem"/> (the one Akka.Hosting starts); a materializer created without one
/// shares a process-wide system. Either way it gets its own Akka materializer, shut down by <see cref="DisposeAsync"/>.
/// </remarks>
public sealed class Materializer : IAsyncDisposable
{
    private static readonly Lazy<ActorSystem> s_shared = new(() => ActorSystem.Create("streamjobs", EngineConfig.Akka));
    private readonly List<GraphScope> _graphs = new();
    private readonly ActorMaterializer _akka;
    private int _unnamed;

    /// <summary>Creates a materializer with <paramref name="settings"/> (or the defaults) on the process-wide actor system.</summary>
    public Materializer(MaterializerSettings? settings = null)
        : this(s_shared.Value, settings)
    {
    }

    /// <summary>Creates a materializer with <paramref name="settings"/> (or the defaults) on <paramref name="system"/>.</summary>
    public Materializer(ActorSystem system, MaterializerSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        Settings = settings ?? new MaterializerSettings();
        Settings.Validate();
        System = system;
        var input = GraphScope.InputBuffer(Settings.BufferBatches);
        _akka = ActorMaterializer.Create(system, ActorMaterializerSettings.Create(system).WithInputBuffer(input, input), "streamjobs");
    }

    /// <summary>The engine settings.</summary>
    public MaterializerSettings Settings { get; }

    /// <summary>The actor system the graphs run on.</summary>
    public ActorSystem System { get; }

    /// <summary>The Akka materializer, for graphs a job builds with Akka.Streams directly.</summary>
    public IMaterializer Akka => _akka;

    /// <summary>Completes when every graph started so far has completed.</summary>
    public Task Completion
    {
        get
        {
            lock (_graphs) return Task.WhenAll(_graphs.Select(g => g.Completion));
        }
    }

    /// <summary>
    /// Asks every source to stop producing and waits until what was in flight has drained to the sinks,
    /// or aborts what is left when <paramref name="cancellationToken"/> fires first.
    /// </summary>
    public async Task ShutdownAsync(CancellationToken cancellationToken = default)
    {
        GraphScope[] graphs;
        lock (_graphs) graphs = _graphs.ToArray();
        foreach (var graph in graphs) graph.Shutdown();
        try
        {
            await Task.WhenAll(graphs.Select(g => g.Completion)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            foreach (var graph in graphs) graph.Abort();
            throw;
        }
    }

    /// <summary>Aborts every graph at once and stops the Akka materializer.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_graphs)
        {
            foreach (var graph in _graphs) graph.Abort();
        }
        _akka.Shutdown();
        return ValueTask.CompletedTask;
    }

    internal GraphScope CreateScope(string? name)
    {
        var scope = new GraphScope(Settings, _akka, name ?? "graph-" + Interlocked.Increment(ref _unnamed));
        lock (_graphs) _graphs.Add(scope);
        return scope;
    }
}
