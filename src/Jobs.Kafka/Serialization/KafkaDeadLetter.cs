namespace StreamJobs.Kafka.Serialization;

/// <summary>A Kafka record that could not be read, as handed to the dead-letter sink: where it was and its raw value.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Offset">The offset.</param>
/// <param name="Value">The raw value (a copy, made only for bad records).</param>
public sealed record KafkaDeadLetter(string Topic, int Partition, long Offset, byte[] Value);
