namespace StreamJobs.Acknowledgement;

/// <summary>
/// A record that carries receipts of replayable sources: a span, a trace of spans, a flow. A named stream whose
/// subscribers include several that complete receipts (see <see cref="NamedStreams.NamedStream{T}.Subscribe(int?, bool)"/>)
/// asks each record it publishes to retain its receipts once more per extra such subscriber, so that its source
/// commits only once every one of them has finished with the record.
/// </summary>
public interface IHasReceipts
{
    /// <summary>Retains every receipt the record carries <paramref name="count"/> more times (<see cref="Receipt.Retain"/>).</summary>
    void RetainReceipts(int count);

    /// <summary>
    /// Completes every receipt the record carries (<see cref="Receipt.Complete"/>). The engine calls it when a stage
    /// dead-letters the record under supervision: the dead-letter sink is where the record went, so its source may
    /// commit past it instead of stalling behind it for good.
    /// </summary>
    void CompleteReceipts();
}
