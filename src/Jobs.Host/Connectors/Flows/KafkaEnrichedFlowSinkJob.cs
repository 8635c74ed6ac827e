using System.ComponentModel;
using StreamJobs.FlowEnricher;
using StreamJobs.Jobs;
using StreamJobs.Kafka;

namespace StreamJobs.Host.Connectors.Flows;

/// <summary>
/// With <c>StreamJobs:Kafka:EnrichedFlowsTopic</c> set: writes <c>enriched-flows</c> to that topic (JSON, keyed by flow
/// key) and completes each flow's receipt once Kafka acknowledged it, so the flows topic is committed only past flows
/// whose enriched record is durable. Replays write a flow again (at least once; consumers de-duplicate by flow key and
/// start).
/// </summary>
[Description("Writes enriched-flows to the Kafka topic StreamJobs:Kafka:EnrichedFlowsTopic (JSON, keyed by flow key), completing each flow's receipt on delivery.")]
internal sealed class KafkaEnrichedFlowSinkJob(IConfiguration configuration) : StreamJob
{
    public const string Name = "kafka-enriched-flows";

    /// <inheritdoc />
    public override JobGraph Build(JobContext context)
    {
        var settings = ConnectorSettings.Read(() => KafkaProducerSettings.FromConfiguration(configuration));
        settings.Topic = KafkaConnectorOptions.From(configuration).EnrichedFlowsTopic!;
        return context.Subscribe<EnrichedFlow>(FlowEnricherJob.OutputStream, completesReceipts: true)
            .To(KafkaSink.Create(settings, EnrichedFlowSerde.Instance, EnrichedFlowSerde.KeyOf, EnrichedFlowSerde.ReceiptOf));
    }
}
