using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace StreamJobs.Host.Flows;

/// <summary>Parameters of the flow ingest job (UDP and HTTP), bound from <c>StreamJobs:Jobs:flow-ingest</c>.</summary>
public sealed class FlowIngestParameters
{
    /// <summary>Batches (a UDP burst or one HTTP request) that may wait for the stream; beyond it ingest drops (UDP) or answers 429 (HTTP).</summary>
    [Description("Batches that may wait for the stream; when full, UDP datagrams are dropped (counted) and HTTP answers 429.")]
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 256;

    /// <summary>Largest HTTP request body.</summary>
    [Description("Largest HTTP request body in bytes; larger answers 413.")]
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The Retry-After sent when the queue is full.</summary>
    [Description("Seconds sent in Retry-After when the queue is full.")]
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 1;
}
