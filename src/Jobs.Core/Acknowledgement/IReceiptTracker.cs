namespace StreamJobs.Acknowledgement;

/// <summary>
/// Learns which records of a replayable source are finished, so the source can commit past them.
/// Implemented by sources (one tracker per Kafka partition, for example); called from any thread.
/// </summary>
public interface IReceiptTracker
{
    /// <summary>Marks the record at <paramref name="position"/> finished. Completing twice, or a position the tracker no longer tracks, is ignored.</summary>
    void Complete(long position);
}
