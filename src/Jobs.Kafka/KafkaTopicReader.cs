using StreamJobs.Acknowledgement;
using StreamJobs.Kafka.Reader;
using StreamJobs.Kafka.Serialization;
using StreamJobs.Streams;

namespace StreamJobs.Kafka;

/// <summary>
/// Reads every partition of one topic from the beginning, outside any consumer group: each process that runs it
/// gets the whole topic (for state every replica needs in full, such as a compacted topic of IP ownership events).
/// </summary>
public static class KafkaTopicReader
{
    /// <summary>
    /// Assigns all partitions of <paramref name="topic"/> from their earliest offset and emits their records, then
    /// keeps following the topic. Nothing is committed and records carry <see cref="Receipt.None"/>: a restart reads
    /// the topic from the beginning again. Connection settings come from <paramref name="settings"/>
    /// (<see cref="KafkaConsumerSettings.Topics"/> is not used; no group is joined and nothing committed, the group id with <c>-reader</c> only names the client). Malformed records are dead-lettered
    /// (a <see cref="KafkaDeadLetter"/>) and counted; the stream goes on.
    /// </summary>
    /// <remarks>
    /// Emits as records are fetched. Backpressures when downstream does. Waits (logging a warning, then an error every
    /// 30 s) while the topic does not exist, and retries while the broker is away; it does not create the topic.
    /// Partitions added after the start are not read.
    /// Completes on a graceful shutdown. Fails on a fatal client error. The materialized
    /// <see cref="KafkaTopicReaderControl.CaughtUp"/> tells when the history as of the start has been emitted.
    /// </remarks>
    public static Source<T, KafkaTopicReaderControl> AllPartitions<T>(KafkaConsumerSettings settings, string topic, IKafkaDeserializer<T> deserializer)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(deserializer);
        return ReplayableSource.Create<T, TopicReaderLogic<T>>(() => new TopicReaderLogic<T>(settings, topic, deserializer), "kafka-topic-reader")
            .MapMaterializedValue(logic => logic.Control);
    }
}
