using Confluent.Kafka;

namespace StreamJobs.Kafka.Producer;

/// <summary>Hands the client the bytes already serialized into a <see cref="PendingRecord"/> (null: a tombstone).</summary>
internal sealed class PendingRecordSerializer : ISerializer<PendingRecord>
{
    public static PendingRecordSerializer Instance { get; } = new();

    public byte[] Serialize(PendingRecord data, SerializationContext context) => data.Value!;
}
