namespace StreamJobs.Kafka;

/// <summary>
/// What a running <see cref="KafkaTopicReader"/> materializes to: whether it has caught up with the topic as it was
/// when the reader started, and its counters.
/// </summary>
public sealed class KafkaTopicReaderControl
{
    private readonly TaskCompletionSource<long> _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _consumed, _deadLettered, _tombstones;
    private int _partitions;

    internal KafkaTopicReaderControl()
    {
    }

    /// <summary>
    /// Completes once every partition was read up to the end it had when the reader started (its high watermark),
    /// with the number of records the source had emitted by then, counting the record that completed the catch-up.
    /// A consumer of the stream that has seen that many records has seen the whole history. Faults when the reader
    /// was aborted or failed first; never completes when it was stopped gracefully first.
    /// </summary>
    public Task<long> CaughtUp => _caughtUp.Task;

    /// <summary>Partitions assigned (all of the topic's, once found).</summary>
    public int Partitions => Volatile.Read(ref _partitions);

    /// <summary>Records read from Kafka (including dead-lettered ones).</summary>
    public long Consumed => Interlocked.Read(ref _consumed);

    /// <summary>Records that could not be deserialized and were dead-lettered.</summary>
    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Records with a null value (a compacted topic's deletion markers), skipped: they are no record.</summary>
    public long Tombstones => Interlocked.Read(ref _tombstones);

    internal void SetPartitions(int count) => Volatile.Write(ref _partitions, count);

    internal void AddConsumed(long count) => Interlocked.Add(ref _consumed, count);

    internal void AddDeadLettered() => Interlocked.Increment(ref _deadLettered);

    internal void AddTombstone() => Interlocked.Increment(ref _tombstones);

    internal void SetCaughtUp(long emitted) => _caughtUp.TrySetResult(emitted);

    internal void Fail(Exception error) => _caughtUp.TrySetException(error);
}
