using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamJobs.Kafka.Serialization;

namespace StreamJobs.Kafka.Consumer;

/// <summary>What every consumer of ours reports the same way: librdkafka's own log lines and records it cannot decode.</summary>
internal static class ConsumerDiagnostics
{
    /// <summary>librdkafka's errors as warnings, the rest at debug level.</summary>
    public static void Log(ILogger logger, LogMessage message)
    {
        if (message.Level <= SyslogLevel.Error) logger.LogWarning("librdkafka {Facility}: {Message}", message.Facility, message.Message);
        else logger.LogDebug("librdkafka {Facility}: {Message}", message.Facility, message.Message);
    }

    /// <summary>The dead letter of a record whose value could not be decoded, and the error naming where it lies.</summary>
    public static KafkaDeadLetter Malformed<T>(ConsumeResult<Ignore, DecodedValue<T>> result, out KafkaRecordFormatException error)
    {
        error = new KafkaRecordFormatException($"{result.Topic}[{result.Partition.Value}]@{result.Offset.Value}: {result.Message.Value.Error}");
        return new KafkaDeadLetter(result.Topic, result.Partition.Value, result.Offset.Value, result.Message.Value.Raw ?? []);
    }
}
