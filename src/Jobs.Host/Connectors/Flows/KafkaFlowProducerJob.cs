using System.ComponentModel;
using StreamJobs.Host.Flows;
using StreamJobs.Jobs;
using StreamJobs.Kafka;
using StreamJobs.Kafka.Serialization;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.Host.Connectors.Flows;

/// <summary>
/// With Kafka on: writes the flows this replica ingested (UDP, HTTP, the demo's traffic) to the flows topic keyed by
/// flow key, so that <see cref="KafkaFlowSourceJob"/> on whichever replica owns the key's partition attributes them.
/// </summary>
[Description("Produces ingested flows to the Kafka flows topic (StreamJobs:Kafka:FlowsTopic), one binary datagram per record, keyed by flow key.")]
internal sealed class KafkaFlowProducerJob(IConfiguration configuration) : StreamJob
{
    public const string Name = "kafka-flow-producer";

    /// <inheritdoc />
    public override JobGraph Build(JobContext context)
    {
        var settings = ConnectorSettings.Read(() => KafkaProducerSettings.FromConfiguration(configuration));
        settings.Topic = KafkaConnectorOptions.From(configuration).FlowsTopic;
        return context.Subscribe<FlowRecord>(FlowRoute.ThroughKafka.FlowStream, completesReceipts: true)
            .To(KafkaSink.Create(settings, FlowSerde.Instance, FlowSerde.KeyOf, FlowSerde.ReceiptOf));
    }
}
