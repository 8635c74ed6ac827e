using Confluent.Kafka;

namespace StreamJobs.Kafka;

/// <summary>
/// Hears about partitions moving between members of the consumer group. Keyed stateful jobs use it to flush the
/// state of keys whose partition is leaving (emit what they hold and complete its receipts) before the source
/// commits and lets another member take over. Called on the consumer's thread: keep it short.
/// </summary>
public interface IKafkaRebalanceListener
{
    /// <summary>The partitions this member now reads.</summary>
    void OnAssigned(IReadOnlyList<TopicPartition> partitions);

    /// <summary>
    /// The partitions about to leave. After this returns the source waits up to
    /// <see cref="KafkaConsumerSettings.RevokeDrainTimeout"/> for their receipts, commits what completed, and stops
    /// tracking them; records not completed by then are delivered again to the next owner.
    /// </summary>
    void OnRevoking(IReadOnlyList<TopicPartition> partitions);
}
