namespace StreamJobs.Streams;

/// <summary>
/// Runs graphs. Holds the engine settings and every graph it started, so that they can be shut down
/// gracefully (sources stop, in-flight batches drain) or aborted together.
/// </summary>
public sealed class Materializer : IAsyncDisposable
{
    private readonly List<GraphScope> _graphs = new();
    private int _unnamed;

    /// <summary>Creates a materializer with <paramref name="settings"/> (or the defaults).</summary>
    public Materializer(MaterializerSettings? settings = null)
    {
        Settings = settings ?? new MaterializerSettings();
        Settings.Validate();
    }

    /// <summary>The engine settings.</summary>
    public MaterializerSettings Settings { get; }

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

    /// <summary>Aborts every graph at once.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_graphs)
        {
            foreach (var graph in _graphs) graph.Abort();
        }
        return ValueTask.CompletedTask;
    }

    internal GraphScope CreateScope(string? name, bool deferStart)
    {
        var scope = new GraphScope(Settings, name ?? "graph-" + Interlocked.Increment(ref _unnamed), deferStart);
        lock (_graphs) _graphs.Add(scope);
        return scope;
    }
}
