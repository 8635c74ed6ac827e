using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using StreamJobs.Host.Ingest;

namespace StreamJobs.Host.Flows;

/// <summary>Parameters of the flow ingest job (UDP and HTTP), bound from <c>StreamJobs:Jobs:flow-ingest</c>.</summary>
public sealed class FlowIngestParameters : IngestRequestParameters
{
    /// <summary>Batches (a UDP burst or one HTTP request) that may wait for the stream; beyond it ingest drops (UDP) or answers 429 (HTTP).</summary>
    [Description("Batches that may wait for the stream; when full, UDP datagrams are dropped (counted) and HTTP answers 429.")]
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 256;

    /// <summary>Largest HTTP request body, after decompression.</summary>
    [Description("Largest HTTP request body in bytes, after gzip decompression; larger answers 413.")]
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>With Kafka, how long an HTTP request waits for the broker to acknowledge its records before it answers 503.</summary>
    [Description("With --kafka, how long an HTTP request waits for Kafka to acknowledge its flows or ownership events; past it the answer is 503 with Retry-After (a retried flow may be counted twice, like any replayed flow).")]
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The Retry-After sent when the queue is full or Kafka did not acknowledge in time.</summary>
    [Description("Seconds sent in Retry-After when the queue is full, ingest is not running, or Kafka did not acknowledge in time.")]
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 1;
}
