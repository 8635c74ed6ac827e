using System.ComponentModel;
using StreamJobs.Acknowledgement;
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
        // The span buffer hears of revoked partitions through the host's handoff and releases their traces unfinished.
        var handoff = (ReceiptHandoff?)context.Services.GetService(typeof(ReceiptHandoff));
        return KafkaSource.Spans(settings, handoff: handoff).To(context.Publish<Span>(SpanBufferJob.InputStream));
    }
}
