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
    /// Marks every record of <paramref name="positions"/> finished, as <see cref="Complete(long)"/> does one by one (the
    /// default). A tracker that locks per call overrides it to lock once: a trace's spans complete together.
    /// </summary>
    void Complete(ReadOnlySpan<long> positions)
    {
        foreach (var position in positions) Complete(position);
    }

    /// <summary>
    /// The holder gives the record at <paramref name="position"/> up unfinished so that it is read again (its partition
    /// is moving to another reader): stop waiting for it, but never commit past it. Trackers that cannot tell the two
    /// apart ignore it (the default), which only makes a draining source wait longer.
    /// </summary>
    void Release(long position)
    {
    }

    /// <summary>
    /// The record at <paramref name="position"/> has <paramref name="count"/> more holders (subscribers of a named
    /// stream that each complete it): it is finished only after that many more completions. Trackers that do not
    /// count holders ignore it (the default), so the first completion finishes the record.
    /// </summary>
    void Retain(long position, int count)
    {
    }
}
