using Confluent.Kafka;
using StreamJobs.Kafka.Serialization;

namespace StreamJobs.Kafka.Consumer;

/// <summary>
/// Adapts an <see cref="IKafkaDeserializer{T}"/> to the client: it reads straight from the client's buffer (no
/// intermediate byte array) and never throws, so a bad record becomes a value the source can dead-letter.
/// </summary>
internal sealed class DecodingDeserializer<T>(IKafkaDeserializer<T> inner) : IDeserializer<DecodedValue<T>>
{
    public DecodedValue<T> Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull) return DecodedValue<T>.Tombstone;
        try
        {
            if (inner.TryDeserialize(data, out var record, out var error)) return new DecodedValue<T>(record);
            return new DecodedValue<T>(error, data.ToArray());
        }
        catch (Exception failure)
        {
            return new DecodedValue<T>($"the deserializer threw {failure.GetType().Name}: {failure.Message}", data.ToArray());
        }
    }
}
