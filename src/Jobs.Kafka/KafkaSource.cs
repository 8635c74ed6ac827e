using StreamJobs.Acknowledgement;
using StreamJobs.Kafka.Consumer;
using StreamJobs.Kafka.Serialization;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Kafka;

/// <summary>Kafka sources.</summary>
public static class KafkaSource
{
    /// <summary>
    /// Reads <see cref="KafkaConsumerSettings.Topics"/> as a member of <see cref="KafkaConsumerSettings.GroupId"/>,
    /// at least once: every record carries a <see cref="Receipt"/> (attached by
    /// <see cref="IKafkaDeserializer{T}.WithReceipt"/>) and a partition's offset is committed only up to its lowest
    /// record whose receipt is not complete. Malformed records are dead-lettered (a
    /// <see cref="KafkaDeadLetter"/>) and counted; the stream goes on.
    /// </summary>
    /// <remarks>
    /// Emits when records are fetched (a partial batch rather than waiting). Backpressures when downstream does, and
    /// per partition when <see cref="KafkaConsumerSettings.MaxInFlightPerPartition"/> records wait for their receipts
    /// (the partition is paused). Completes on a graceful shutdown, after waiting up to
    /// <see cref="KafkaConsumerSettings.ShutdownDrainTimeout"/> for receipts, a last commit and leaving the group.
    /// Fails on a fatal client error. A broker that goes away makes it wait and resume.
    /// With a <see cref="ReceiptHandoff"/> (the overload taking one), partitions leaving this member (a revoke, a lost assignment, a graceful stop)
    /// are announced on it before the source waits for their receipts, so keyed stages release what they hold of them
    /// (<see cref="Receipt.Release"/>) and the next owner replays those records whole; the source then waits only for
    /// records already on their way to a sink.
    /// </remarks>
    public static Source<T, KafkaConsumerControl> Committable<T>(KafkaConsumerSettings settings, IKafkaDeserializer<T> deserializer, IKafkaRebalanceListener? listener = null) =>
        Committable(settings, deserializer, handoff: null, listener);

    /// <inheritdoc cref="Committable{T}(KafkaConsumerSettings, IKafkaDeserializer{T}, IKafkaRebalanceListener?)"/>
    /// <param name="settings">How to connect, which group and topics.</param>
    /// <param name="deserializer">Turns record values into records and attaches their receipts.</param>
    /// <param name="handoff">Where leaving partitions are announced, so keyed stages release what they hold of them.</param>
    /// <param name="listener">Hears about assignments and revocations.</param>
    public static Source<T, KafkaConsumerControl> Committable<T>(
        KafkaConsumerSettings settings, IKafkaDeserializer<T> deserializer, ReceiptHandoff? handoff, IKafkaRebalanceListener? listener = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(deserializer);
        settings.Validate();
        return ReplayableSource.Create<T, KafkaSourceLogic<T>>(() => new KafkaSourceLogic<T>(settings, deserializer, listener, handoff), "kafka-source")
            .MapMaterializedValue(logic => logic.Control);
    }

    /// <summary>Zipkin v2 JSON spans, one per record (<see cref="SpanSerde"/>), with <see cref="Span.Receipt"/> set.</summary>
    public static Source<Span, KafkaConsumerControl> Spans(KafkaConsumerSettings settings, IKafkaRebalanceListener? listener = null) =>
        Committable(settings, SpanSerde.Instance, listener);

    /// <summary>Zipkin v2 JSON spans, announcing leaving partitions on <paramref name="handoff"/> (the span buffer releases their traces).</summary>
    public static Source<Span, KafkaConsumerControl> Spans(KafkaConsumerSettings settings, ReceiptHandoff? handoff, IKafkaRebalanceListener? listener = null) =>
        Committable(settings, SpanSerde.Instance, handoff, listener);
}
