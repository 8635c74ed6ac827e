using Confluent.Kafka;

namespace StreamJobs.Kafka.Producer;

/// <summary>One record of the batch being produced; reused across batches. The delivery report hands it back.</summary>
internal sealed class PendingRecord
{
    public int Index { get; set; }

    /// <summary>The serialized value; null for a tombstone.</summary>
    public byte[]? Value { get; set; } = [];

    public string? Key { get; set; }

    public PendingState State { get; set; }

    public Error? Error { get; set; }
}
