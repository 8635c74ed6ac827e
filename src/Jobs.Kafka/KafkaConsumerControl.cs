using Confluent.Kafka;

namespace StreamJobs.Kafka;

/// <summary>
/// What a running Kafka source materializes to: its assignment, committed offsets and counters, and a task that
/// completes once it has made its last commit and left the group.
/// </summary>
public sealed class KafkaConsumerControl
{
    private readonly object _gate = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<TopicPartition, long> _committed = new();
    private TopicPartition[] _assignment = [];
    private long _consumed, _deadLettered, _commits, _pauses, _tombstones;

    internal KafkaConsumerControl()
    {
    }

    /// <summary>The partitions this member reads now.</summary>
    public IReadOnlyList<TopicPartition> Assignment
    {
        get { lock (_gate) return _assignment; }
    }

    /// <summary>The last offset this member committed per partition (the next record to read).</summary>
    public IReadOnlyDictionary<TopicPartition, long> CommittedOffsets
    {
        get { lock (_gate) return new Dictionary<TopicPartition, long>(_committed); }
    }

    /// <summary>Records read from Kafka (including dead-lettered ones).</summary>
    public long Consumed => Interlocked.Read(ref _consumed);

    /// <summary>Records that could not be deserialized, dead-lettered and completed.</summary>
    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Records with a null value (a compacted topic's deletion markers), skipped: they are no record.</summary>
    public long Tombstones => Interlocked.Read(ref _tombstones);

    /// <summary>Successful offset commits.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Times a partition was paused because its receipt window was full.</summary>
    public long Pauses => Interlocked.Read(ref _pauses);

    /// <summary>Completes when the source has committed for the last time and closed; faults if closing failed.</summary>
    public Task Stopped => _stopped.Task;

    internal void SetAssignment(IEnumerable<TopicPartition> partitions)
    {
        lock (_gate) _assignment = partitions.ToArray();
    }

    internal void RecordCommit(IEnumerable<TopicPartitionOffset> offsets)
    {
        lock (_gate)
        {
            foreach (var offset in offsets) _committed[offset.TopicPartition] = offset.Offset.Value;
        }
        Interlocked.Increment(ref _commits);
    }

    internal void AddConsumed(long count) => Interlocked.Add(ref _consumed, count);

    internal void AddDeadLettered() => Interlocked.Increment(ref _deadLettered);

    internal void AddTombstone() => Interlocked.Increment(ref _tombstones);

    internal void AddPause() => Interlocked.Increment(ref _pauses);

    internal void SetStopped(Exception? error)
    {
        if (error is null) _stopped.TrySetResult();
        else _stopped.TrySetException(error);
    }
}
