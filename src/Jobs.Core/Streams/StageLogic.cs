namespace StreamJobs.Streams;

/// <summary>
/// The state and behaviour of a custom stateful stage, in the spirit of Akka.Streams' GraphStageLogic:
/// the engine calls it for each batch and its records, on a timer, and when upstream finishes, never concurrently.
/// A new instance is created for every materialization and on every supervised restart.
/// </summary>
/// <typeparam name="TIn">The records it takes.</typeparam>
/// <typeparam name="TOut">The records it emits.</typeparam>
/// <remarks>
/// Emits when: the logic calls <see cref="Emitter{T}.Emit(T)"/>. Backpressures when: downstream backpressures
/// (the emitted records are pushed before the next batch is taken). Completes when: upstream completes, after
/// <see cref="OnUpstreamFinish"/> has flushed. Cancels when: downstream cancels.
/// </remarks>
public abstract class StageLogic<TIn, TOut>
{
    private StageContext? _context;

    /// <summary>The stage's surroundings (clock, counters, logger); set before the first call.</summary>
    protected StageContext Context => _context ?? throw new InvalidOperationException("The stage has not been started yet.");

    /// <summary>How often <see cref="OnTimer"/> runs; null (the default) for never.</summary>
    public virtual TimeSpan? TimerInterval => null;

    /// <summary>
    /// Runs before the records of each batch reach <see cref="OnRecords"/>, with how many there are: read what is
    /// shared by the whole batch here (the clock, say) instead of once per record.
    /// </summary>
    public virtual void OnBatchStart(int count) { }

    /// <summary>Handles one record.</summary>
    public abstract void OnRecord(TIn record, Emitter<TOut> output);

    /// <summary>
    /// Handles the records of one batch, after <see cref="OnBatchStart"/>; by default calls <see cref="OnRecord"/> for
    /// each. Override it to loop over the batch yourself and read wide records in place (<c>ref readonly</c>) rather
    /// than receive a copy of each. Supervision stays per record: if this throws, the record the cursor is on is the
    /// one that failed (dead-lettered under Resume, the stage restarted or failed as the strategy says), and the call
    /// is made again with the records after it (to a fresh logic after a restart). A throw before the first
    /// <see cref="RecordCursor{T}.MoveNext"/> or after the last is supervised with no record.
    /// </summary>
    public virtual void OnRecords(ref RecordCursor<TIn> records, Emitter<TOut> output)
    {
        while (records.MoveNext()) OnRecord(records.Current, output);
    }

    /// <summary>Runs every <see cref="TimerInterval"/>; emit what has become due.</summary>
    public virtual void OnTimer(DateTimeOffset now, Emitter<TOut> output) { }

    /// <summary>Runs once when upstream completes normally: emit whatever is still held, so nothing is lost.</summary>
    public virtual void OnUpstreamFinish(Emitter<TOut> output) { }

    internal void Start(StageContext context) => _context = context;
}
