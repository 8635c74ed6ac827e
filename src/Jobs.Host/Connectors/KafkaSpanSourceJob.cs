using System.ComponentModel;
using StreamJobs.Jobs;
using StreamJobs.Kafka;
using StreamJobs.SpanBuffer;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Host.Connectors;

/// <summary>
/// Feeds the <c>spans</c> stream from the spans topic in the consumer group (<c>StreamJobs:Kafka:GroupId</c>,
/// default <c>streamjobs</c>). Offsets are committed only past spans whose receipts were completed downstream (stored,
/// or deliberately dropped), so a crash replays instead of losing spans.
/// </summary>
[Description("Consumes Zipkin JSON spans from Kafka (StreamJobs:Kafka:SpansTopic) into the spans stream, committing offsets only after spans are stored or dropped.")]
internal sealed class KafkaSpanSourceJob(IConfiguration configuration) : StreamJob
{
    public const string Name = "kafka-spans";

    /// <inheritdoc />
    public override JobGraph Build(JobContext context)
    {
        var settings = ConnectorSettings.Read(() => KafkaConsumerSettings.FromConfiguration(configuration));
        return KafkaSource.Spans(settings).To(context.Publish<Span>(SpanBufferJob.InputStream));
    }
}
