using System.ComponentModel;
using StreamJobs.Jobs;
using StreamJobs.Kafka;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Host.Connectors;

/// <summary>
/// The demo with Kafka: produces the synthetic traffic (published to <see cref="InputStream"/> instead of
/// <c>spans</c>) to the spans topic, keyed by trace id, from where <see cref="KafkaSpanSourceJob"/> reads it back.
/// </summary>
[Description("Demo with Kafka: produces the synthetic spans to the Kafka spans topic, keyed by trace id.")]
internal sealed class KafkaSpanProducerJob(IConfiguration configuration) : StreamJob
{
    public const string Name = "kafka-span-producer";

    /// <summary>Where the demo traffic goes when Kafka is on.</summary>
    public const string InputStream = "synthetic-spans";

    /// <inheritdoc />
    public override JobGraph Build(JobContext context)
    {
        var settings = ConnectorSettings.Read(() => KafkaProducerSettings.FromConfiguration(configuration));
        return context.Subscribe<Span>(InputStream).To(KafkaSink.Spans(settings));
    }
}
