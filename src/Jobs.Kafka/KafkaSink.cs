using StreamJobs.Acknowledgement;
using StreamJobs.Kafka.Producer;
using StreamJobs.Kafka.Serialization;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Kafka;

/// <summary>Kafka sinks.</summary>
public static class KafkaSink
{
    /// <summary>
    /// Writes records to <see cref="KafkaProducerSettings.Topic"/>, keyed by <paramref name="keyOf"/> (null: no key,
    /// any partition). Each batch is acknowledged before the next is taken: once Kafka confirmed a record, its
    /// receipt (from <paramref name="receiptOf"/>) is completed. Passing failures are retried; records Kafka refuses
    /// for good, or that cannot be serialized, are dead-lettered with a <see cref="KafkaProduceException"/>.
    /// </summary>
    /// <remarks>
    /// Backpressures while a batch waits for its delivery reports, while the client's queue is full, and while the
    /// broker is away (records are retried, never dropped). Completes when upstream completes. Materializes to a task
    /// that completes with the stream.
    /// </remarks>
    public static Sink<T, Task> Create<T>(KafkaProducerSettings settings, IKafkaSerializer<T> serializer, Func<T, string?> keyOf, Func<T, Receipt>? receiptOf = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(keyOf);
        settings.Validate();
        return AcknowledgingSink.Create<T, KafkaSinkLogic<T>>(() => new KafkaSinkLogic<T>(settings, serializer, keyOf, receiptOf), "kafka-sink");
    }

    /// <summary>
    /// Writes a tombstone (the key with a null value) for every key it receives: on a compacted topic, the log cleaner
    /// then removes every record of that key, and the tombstone itself after the topic's <c>delete.retention.ms</c>.
    /// Sources and topic readers skip tombstones (counted as <see cref="KafkaConsumerControl.Tombstones"/>). Retries
    /// and backpressure as for <see cref="Create{T}"/>.
    /// </summary>
    public static Sink<string, Task> Tombstones(KafkaProducerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        return AcknowledgingSink.Create<string, KafkaSinkLogic<string>>(() => new KafkaSinkLogic<string>(settings, null, static key => key, null), "kafka-tombstones");
    }

    /// <summary>Zipkin v2 JSON spans, one per record, keyed by trace id, completing <see cref="Span.Receipt"/> on delivery.</summary>
    public static Sink<Span, Task> Spans(KafkaProducerSettings settings) =>
        Create(settings, SpanSerde.Instance, SpanSerde.KeyOf, SpanSerde.ReceiptOf);
}
