using Confluent.Kafka;
using StreamJobs.Kafka.Serialization;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Replicas.Benchmarks;

/// <summary>The baseline's value deserializer: <see cref="SpanSerde"/> straight from the client's buffer, as the source does.</summary>
internal sealed class SpanValueDeserializer : IDeserializer<Span?>
{
    public static SpanValueDeserializer Instance { get; } = new();

    public Span? Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
        SpanSerde.Instance.TryDeserialize(isNull ? default : data, out var span, out _) ? span : null;
}
