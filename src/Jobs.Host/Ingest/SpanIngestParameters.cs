using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using StreamJobs.Telemetry.Ingest;

namespace StreamJobs.Host.Ingest;

/// <summary>Parameters of the span ingest job and its HTTP endpoints, bound from <c>StreamJobs:Jobs:span-ingest</c>.</summary>
public sealed class SpanIngestParameters : IngestRequestParameters
{
    /// <summary>Requests (each a batch of spans) that may wait for the stream; beyond it ingest answers 429/503.</summary>
    [Description("Accepted requests that may wait for the stream; when full, Zipkin and OTLP get 429 with Retry-After.")]
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 256;

    /// <summary>Largest request body, after decompression.</summary>
    [Description("Largest request body in bytes, after gzip decompression; larger answers 413.")]
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>With Kafka, how long a request waits for the broker to acknowledge its spans before it answers 503.</summary>
    [Description("With --kafka, how long a request waits for Kafka to acknowledge its spans; past it the answer is 503 with Retry-After (a retry may duplicate spans, which storage absorbs).")]
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The Retry-After sent when the queue is full.</summary>
    [Description("Seconds sent in Retry-After when the queue is full, ingest is not running, or Kafka did not acknowledge in time.")]
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>
    /// Attributes (every level), events, links and array values per OTLP protobuf request, counted on the wire before
    /// the message is built; more answers 413. Null derives it from <see cref="MaxRequestBytes"/>: one per 16 bytes.
    /// </summary>
    [Description("Attributes (resource, scope, span, event and link, including nested lists), events, links and array values per OTLP protobuf request, counted before the message is built; more answers 413. Empty: one per 16 bytes of MaxRequestBytes (262,144 at 4 MiB).")]
    [Range(1, 100_000_000)]
    public int? MaxAttributesPerRequest { get; set; }

    /// <summary>The parser limits these settings give.</summary>
    internal override IngestLimits ParseLimits() => base.ParseLimits() with { MaxAttributes = AttributesPerRequest };

    /// <summary>The attribute bound in force: the setting, or one per 16 bytes of the body limit.</summary>
    internal int AttributesPerRequest => MaxAttributesPerRequest ?? Math.Max(1, MaxRequestBytes / 16);
}
