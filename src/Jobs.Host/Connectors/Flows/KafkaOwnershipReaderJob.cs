using System.ComponentModel;
using StreamJobs.FlowEnricher;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Jobs;
using StreamJobs.Kafka;

namespace StreamJobs.Host.Connectors.Flows;

/// <summary>
/// With Kafka on: feeds the <c>ip-ownership</c> stream from every partition of the ownership topic, from the
/// beginning, outside any group, so every replica holds the whole ownership history and can attribute any IP. Its
/// catch-up (the topic read as far as it reached at the start) goes to <see cref="OwnershipCatchUp"/>, which holds
/// the enricher's flows until then.
/// </summary>
[Description("Reads all partitions of the compacted Kafka ownership topic from the beginning into ip-ownership (every replica reads everything).")]
internal sealed class KafkaOwnershipReaderJob(IConfiguration configuration, OwnershipCatchUp catchUp) : StreamJob
{
    public const string Name = "kafka-ownership";

    /// <inheritdoc />
    public override JobGraph Build(JobContext context)
    {
        var settings = ConnectorSettings.Read(() => KafkaConsumerSettings.FromConfiguration(configuration));
        return KafkaTopicReader.AllPartitions(settings, KafkaConnectorOptions.From(configuration).OwnershipTopic, OwnershipEventSerde.Instance)
            .MapMaterializedValue(control =>
            {
                catchUp.Track(control.CaughtUp);
                return control;
            })
            .To(context.Publish<OwnershipEvent>(FlowEnricherJob.OwnershipStream));
    }
}
