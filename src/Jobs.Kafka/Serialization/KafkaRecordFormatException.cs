namespace StreamJobs.Kafka.Serialization;

/// <summary>A Kafka record whose value its deserializer rejected; the record is dead-lettered, the stream goes on.</summary>
public sealed class KafkaRecordFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public KafkaRecordFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public KafkaRecordFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
