using System.ComponentModel;
using StreamJobs.FlowEnricher;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Jobs;
using StreamJobs.Kafka;
using StreamJobs.Streams;

namespace StreamJobs.Host.Connectors.Flows;

/// <summary>
/// With Kafka on: keeps the compacted ownership topic from growing with the fleet's whole history. It watches the
/// history every replica reads (<c>ip-ownership</c>) and writes a tombstone for each event superseded before the
/// horizon (<see cref="SupersededOwnershipEvents"/>); the log cleaner then removes those events. Every replica runs
/// it: the tombstones of one event from several replicas are the same record, which compaction also collapses.
/// </summary>
[Description("Writes tombstones to the compacted Kafka ownership topic for events superseded before the horizon, so the topic every replica reads at start stays small.")]
internal sealed class KafkaOwnershipPrunerJob(IConfiguration configuration) : StreamJob<OwnershipPrunerParameters>
{
    public const string Name = "kafka-ownership-pruner";

    /// <inheritdoc />
    protected override JobGraph Build(JobContext context, OwnershipPrunerParameters parameters)
    {
        // Below the enricher's retention, a replica starting later would miss events a running one still attributes by.
        var retention = configuration.GetValue<TimeSpan?>("StreamJobs:Jobs:flow-enricher:Retention") ?? new FlowEnricherParameters().Retention;
        if (parameters.Horizon < retention)
        {
            throw new JobConfigurationException([
                $"StreamJobs:Jobs:{Name}:Horizon ({parameters.Horizon}) is below StreamJobs:Jobs:flow-enricher:Retention ({retention}); the horizon must cover what the enricher still uses."]);
        }

        var settings = ConnectorSettings.Read(() => KafkaProducerSettings.FromConfiguration(configuration));
        settings.Topic = KafkaConnectorOptions.From(configuration).OwnershipTopic;
        return context.Subscribe<OwnershipEvent>(FlowEnricherJob.OwnershipStream)
            .Stateful(() => new OwnershipPrunerLogic(parameters), "superseded")
            .To(KafkaSink.Tombstones(settings));
    }
}
