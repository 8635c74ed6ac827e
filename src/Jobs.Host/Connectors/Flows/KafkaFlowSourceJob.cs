using System.ComponentModel;
using StreamJobs.Acknowledgement;
using StreamJobs.FlowEnricher;
using StreamJobs.Jobs;
using StreamJobs.Kafka;
using StreamJobs.Kafka.Serialization;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.Host.Connectors.Flows;

/// <summary>
/// With Kafka on: feeds the <c>flows</c> stream from the flows topic as a member of the flows consumer group
/// (<c>StreamJobs:Kafka:FlowsGroupId</c>, default the group id + <c>-flows</c>), so each flow key is attributed on one
/// replica at a time. Each flow carries its receipt; offsets are committed only past flows whose enriched record was
/// handled by the end of the chain (written to the enriched-flows topic, or taken into a window).
/// </summary>
[Description("Consumes flows from the Kafka flows topic in the flows consumer group into the flows stream, committing offsets only after each flow's enriched record was handled.")]
internal sealed class KafkaFlowSourceJob(IConfiguration configuration) : StreamJob
{
    public const string Name = "kafka-flows";

    /// <inheritdoc />
    public override JobGraph Build(JobContext context)
    {
        var options = KafkaConnectorOptions.From(configuration);
        var settings = ConnectorSettings.Read(() => KafkaConsumerSettings.FromConfiguration(configuration));
        settings.Topics = [options.FlowsTopic];
        settings.GroupId = string.IsNullOrWhiteSpace(options.FlowsGroupId) ? settings.GroupId + "-flows" : options.FlowsGroupId;
        // The enricher hears of revoked partitions through the host's handoff and releases their waiting flows unemitted.
        var handoff = (ReceiptHandoff?)context.Services.GetService(typeof(ReceiptHandoff));
        return KafkaSource.Committable(settings, FlowSerde.Instance, handoff: handoff).To(context.Publish<FlowRecord>(FlowEnricherJob.FlowStream));
    }
}
