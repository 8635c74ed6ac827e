using System.ComponentModel;
using StreamJobs.Jobs;
using StreamJobs.Kafka;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Host.Connectors;

/// <summary>
/// With Kafka: produces the spans that reach this replica (HTTP ingest, the demo's synthetic traffic; published to
/// <see cref="InputStream"/> instead of <c>spans</c>) to the spans topic, keyed by trace id, from where
/// <see cref="KafkaSpanSourceJob"/> reads them back on the replica that owns each trace's partition.
/// </summary>
[Description("With Kafka: produces ingested (and in the demo, synthetic) spans to the Kafka spans topic, keyed by trace id.")]
internal sealed class KafkaSpanProducerJob(IConfiguration configuration) : StreamJob
{
    public const string Name = "kafka-span-producer";

    /// <summary>Where ingest and the demo traffic publish when Kafka is on.</summary>
    public const string InputStream = "ingested-spans";

    /// <inheritdoc />
    public override JobGraph Build(JobContext context)
    {
        var settings = ConnectorSettings.Read(() => KafkaProducerSettings.FromConfiguration(configuration));
        return context.Subscribe<Span>(InputStream, completesReceipts: true).To(KafkaSink.Spans(settings));
    }
}
