using System.ComponentModel;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Host.Flows;
using StreamJobs.Jobs;
using StreamJobs.Kafka;

namespace StreamJobs.Host.Connectors.Flows;

/// <summary>
/// With Kafka on: writes the ownership events this replica ingested (<c>POST /api/v1/ownership</c>, the demo's
/// traffic) to the compacted ownership topic, keyed by the whole event (<see cref="OwnershipEventSerde.KeyOf"/>).
/// </summary>
[Description("Produces ingested IP ownership events to the compacted Kafka ownership topic (StreamJobs:Kafka:OwnershipTopic).")]
internal sealed class KafkaOwnershipProducerJob(IConfiguration configuration) : StreamJob
{
    public const string Name = "kafka-ownership-producer";

    /// <inheritdoc />
    public override JobGraph Build(JobContext context)
    {
        var settings = ConnectorSettings.Read(() => KafkaProducerSettings.FromConfiguration(configuration));
        settings.Topic = KafkaConnectorOptions.From(configuration).OwnershipTopic;
        return context.Subscribe<OwnershipEvent>(FlowRoute.ThroughKafka.OwnershipStream, completesReceipts: true)
            .To(KafkaSink.Create(settings, OwnershipEventSerde.Instance, OwnershipEventSerde.KeyOf, OwnershipEventSerde.ReceiptOf));
    }
}
