using Confluent.Kafka;

namespace StreamJobs.Kafka;

/// <summary>A record Kafka refused for good (too large, invalid topic, not authorized): it is dead-lettered.</summary>
public sealed class KafkaProduceException : Exception
{
    /// <summary>Creates the exception for <paramref name="code"/>.</summary>
    public KafkaProduceException(string message, ErrorCode code)
        : base(message) => Code = code;

    /// <summary>Creates the exception for a record that could not be serialized.</summary>
    public KafkaProduceException(string message, Exception inner)
        : base(message, inner) => Code = ErrorCode.Local_ValueSerialization;

    /// <summary>The client's error code.</summary>
    public ErrorCode Code { get; }
}
