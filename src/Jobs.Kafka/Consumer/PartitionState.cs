using Confluent.Kafka;
using StreamJobs.Acknowledgement;

namespace StreamJobs.Kafka.Consumer;

/// <summary>One assigned partition: its receipt window, what was committed, and records held while it is paused.</summary>
internal sealed class PartitionState<T>(TopicPartition partition, int maxInFlight)
{
    public TopicPartition Partition { get; } = partition;

    /// <summary>A new window per assignment: receipts of an earlier assignment complete into the old one and are ignored.</summary>
    public ReceiptWindow Window { get; } = new(maxInFlight);

    public long Committed { get; set; } = -1;

    public bool Paused { get; set; }

    /// <summary>Records read while the window was full, in offset order; emitted once the window has room.</summary>
    public Queue<ConsumeResult<Ignore, DecodedValue<T>>> Parked { get; } = new();
}
