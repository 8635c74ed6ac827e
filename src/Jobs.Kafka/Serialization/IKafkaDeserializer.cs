using System.Diagnostics.CodeAnalysis;
using StreamJobs.Acknowledgement;

namespace StreamJobs.Kafka.Serialization;

/// <summary>
/// Turns a Kafka record's value into a record, without reflection. Called on the consumer's thread for every
/// record, so implementations should not allocate beyond the record itself.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public interface IKafkaDeserializer<T>
{
    /// <summary>
    /// Reads <paramref name="value"/>. A null value (a tombstone) never gets here: sources skip it and count it. Returns false with a short <paramref name="error"/>
    /// for a malformed record: the source dead-letters it, completes its receipt and goes on.
    /// </summary>
    bool TryDeserialize(ReadOnlySpan<byte> value, [MaybeNullWhen(false)] out T record, [NotNullWhen(false)] out string? error);

    /// <summary>Attaches the record's receipt (the source calls this once the record's partition and offset are known).</summary>
    T WithReceipt(T record, Receipt receipt);
}
