using Microsoft.Extensions.Logging;
using StreamJobs.Metrics;
using StreamJobs.Streams;

namespace StreamJobs.Acknowledgement;

/// <summary>
/// The per-run logic of a sink that completes the receipts of what it wrote once the write was acknowledged
/// (a Kafka producer after delivery reports, a database after its answer). Built by
/// <see cref="AcknowledgingSink.Create{T, TLogic}"/>.
/// </summary>
/// <typeparam name="T">The records it takes.</typeparam>
public abstract class AcknowledgingSinkLogic<T>
{
    private GraphScope? _scope;
    private StageMetrics? _metrics;

    /// <summary>Logs for the graph this logic runs in.</summary>
    protected ILogger Logger => Scope.Logger;

    /// <summary>The sink stage's counters.</summary>
    protected StageMetrics Metrics => _metrics ?? throw new InvalidOperationException("The sink has not been materialized.");

    private GraphScope Scope => _scope ?? throw new InvalidOperationException("The sink has not been materialized.");

    /// <summary>
    /// Writes <paramref name="batch"/> and returns once the write is acknowledged (then completes the receipts).
    /// The batch is valid only until the returned task completes. Throwing fails the stream.
    /// </summary>
    protected internal abstract ValueTask WriteAsync(Batch<T> batch, CancellationToken aborted);

    /// <summary>Runs at the end of a successful stream, before the sink completes: flush.</summary>
    protected internal virtual ValueTask FlushAsync() => default;

    /// <summary>Runs once after the sink completed, successfully or not: release connections.</summary>
    protected internal virtual void Close()
    {
    }

    /// <summary>
    /// Hands a record that can never be written (unserializable, too large) to the dead-letter sink and counts it.
    /// The caller decides about its receipt (completing it lets the source commit past the record).
    /// </summary>
    protected void DeadLetter(object? record, Exception error) => Scope.PublishDeadLetter(Metrics, record, error);

    internal void Bind(GraphScope scope, StageMetrics metrics)
    {
        if (_scope is not null) throw new InvalidOperationException("An acknowledging sink logic runs in one graph only; the factory must return a new logic per run.");
        _scope = scope;
        _metrics = metrics;
    }
}
