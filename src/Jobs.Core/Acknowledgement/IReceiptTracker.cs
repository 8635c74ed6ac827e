namespace StreamJobs.Acknowledgement;

/// <summary>
/// Learns which records of a replayable source are finished, so the source can commit past them.
/// Implemented by sources (one tracker per Kafka partition, for example); called from any thread.
/// </summary>
public interface IReceiptTracker
{
    /// <summary>Marks the record at <paramref name="position"/> finished. Completing twice, or a position the tracker no longer tracks, is ignored.</summary>
    void Complete(long position);

    /// <summary>
    /// The holder gives the record at <paramref name="position"/> up unfinished so that it is read again (its partition
    /// is moving to another reader): stop waiting for it, but never commit past it. Trackers that cannot tell the two
    /// apart ignore it (the default), which only makes a draining source wait longer.
    /// </summary>
    void Release(long position)
    {
    }
}
