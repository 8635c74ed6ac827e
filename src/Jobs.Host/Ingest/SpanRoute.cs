using StreamJobs.Host.Connectors;
using StreamJobs.SpanBuffer;

namespace StreamJobs.Host.Ingest;

/// <summary>
/// Where span ingest publishes: straight to the span buffer's <c>spans</c> in process, or, with Kafka, to the stream
/// the span producer job writes to the spans topic, keyed by trace id, so the spans of one trace meet on the replica
/// that owns its partition whichever replica received them.
/// </summary>
/// <param name="Stream">The stream ingested spans go to.</param>
/// <param name="AwaitsDelivery">Whether a request answers only once its spans were acknowledged downstream (by Kafka).</param>
internal sealed record SpanRoute(string Stream, bool AwaitsDelivery)
{
    /// <summary>Straight into the span buffer.</summary>
    public static SpanRoute InProcess { get; } = new(SpanBufferJob.InputStream, false);

    /// <summary>Through the spans topic: a request answers once Kafka holds its spans.</summary>
    public static SpanRoute ThroughKafka { get; } = new(KafkaSpanProducerJob.InputStream, true);
}
