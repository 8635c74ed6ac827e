using System.Collections.Concurrent;
using Confluent.Kafka;

namespace StreamJobs.Kafka.Tests.Support;

/// <summary>Records the rebalance callbacks a source makes.</summary>
public sealed class RecordingRebalanceListener : IKafkaRebalanceListener
{
    public ConcurrentQueue<IReadOnlyList<TopicPartition>> Assigned { get; } = new();

    public ConcurrentQueue<IReadOnlyList<TopicPartition>> Revoking { get; } = new();

    public void OnAssigned(IReadOnlyList<TopicPartition> partitions) => Assigned.Enqueue(partitions.ToArray());

    public void OnRevoking(IReadOnlyList<TopicPartition> partitions) => Revoking.Enqueue(partitions.ToArray());
}
