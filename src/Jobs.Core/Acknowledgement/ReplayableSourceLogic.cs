using Microsoft.Extensions.Logging;
using StreamJobs.Metrics;
using StreamJobs.Streams;

namespace StreamJobs.Acknowledgement;

/// <summary>
/// The per-run logic of a source that can replay (a Kafka consumer, a file with a checkpoint): it fills batches,
/// hands out <see cref="Receipt"/>s, and after the stream has ended gets a chance to wait for in-flight receipts,
/// commit and close, before the graph counts as complete. Built by <see cref="ReplayableSource.Create{T, TLogic}"/>.
/// </summary>
/// <typeparam name="T">The records it emits.</typeparam>
public abstract class ReplayableSourceLogic<T>
{
    private GraphScope? _scope;
    private StageMetrics? _metrics;

    /// <summary>Logs for the graph this logic runs in.</summary>
    protected ILogger Logger => Scope.Logger;

    /// <summary>The engine clock.</summary>
    protected TimeProvider Time => Scope.Settings.Time;

    /// <summary>Fires when the graph is aborted: stop waiting at once.</summary>
    protected CancellationToken Aborted => Scope.Aborted;

    /// <summary>The source stage's counters.</summary>
    protected StageMetrics Metrics => _metrics ?? throw new InvalidOperationException("The source has not been materialized.");

    private GraphScope Scope => _scope ?? throw new InvalidOperationException("The source has not been materialized.");

    /// <summary>
    /// Fills <paramref name="buffer"/> with up to its length of records and returns how many; 0 ends the stream.
    /// Wait for data here (bounded waits, so <paramref name="stopping"/> is seen); on a graceful stop return 0.
    /// </summary>
    protected internal abstract ValueTask<int> ReadAsync(T[] buffer, CancellationToken stopping);

    /// <summary>
    /// Runs once after the stream ended and downstream was told: wait (bounded) for receipts still out, commit,
    /// close. <paramref name="aborted"/> is true after an abort or a failure: commit what is complete, do not wait.
    /// The graph completes after this; an exception fails it.
    /// </summary>
    protected internal abstract Task StopAsync(bool aborted);

    /// <summary>Hands a record this source cannot emit (malformed input) to the dead-letter sink and counts it.</summary>
    protected void DeadLetter(object? record, Exception error) => Scope.PublishDeadLetter(Metrics, record, error);

    internal void Bind(GraphScope scope, StageMetrics metrics)
    {
        if (_scope is not null) throw new InvalidOperationException("A replayable source logic runs in one graph only; the factory must return a new logic per run.");
        _scope = scope;
        _metrics = metrics;
    }
}
