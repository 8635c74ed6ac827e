using System.Buffers;

namespace StreamJobs.Kafka.Serialization;

/// <summary>Writes a record as a Kafka record value, without reflection.</summary>
/// <typeparam name="T">The record type.</typeparam>
public interface IKafkaSerializer<in T>
{
    /// <summary>Writes <paramref name="record"/> to <paramref name="output"/>. Throwing dead-letters the record.</summary>
    void Serialize(T record, IBufferWriter<byte> output);
}
