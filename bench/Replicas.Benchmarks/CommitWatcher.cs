using Confluent.Kafka;

namespace StreamJobs.Replicas.Benchmarks;

/// <summary>
/// Reads a group's committed offsets (the sum over partitions; a new topic starts at 0) with a consumer that never
/// subscribes, so it does not join the group it watches.
/// </summary>
internal sealed class CommitWatcher : IDisposable
{
    private readonly IConsumer<Ignore, Ignore> _consumer;
    private readonly TopicPartition[] _partitions;

    public CommitWatcher(string topic, string group, int partitions)
    {
        _consumer = new ConsumerBuilder<Ignore, Ignore>(KafkaServer.Legacy(new ConsumerConfig { BootstrapServers = KafkaServer.Bootstrap, GroupId = group, EnableAutoCommit = false })).Build();
        _partitions = Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)).ToArray();
    }

    public long CommittedTotal()
    {
        try
        {
            return _consumer.Committed(_partitions, TimeSpan.FromSeconds(10)).Sum(o => Math.Max(0, o.Offset.Value));
        }
        catch (KafkaException error)
        {
            Console.Error.WriteLine($"reading committed offsets failed (retrying): {error.Error.Reason}");
            return -1;
        }
    }

    public void Dispose() => _consumer.Dispose();
}
