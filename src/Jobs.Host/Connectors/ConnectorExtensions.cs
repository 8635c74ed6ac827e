using Microsoft.Extensions.Configuration.Memory;
using StreamJobs.FlowEnricher;
using StreamJobs.Host.Connectors.Flows;
using StreamJobs.Host.Flows;
using StreamJobs.Host.Ingest;
using StreamJobs.Host.Demo;
using StreamJobs.Hosting;

namespace StreamJobs.Host.Connectors;

/// <summary>
/// Registers the real-server connectors when configuration asks for them; without it the host stays fully
/// in-process. Kafka on: <c>kafka-spans</c> feeds <c>spans</c> from the topic (and in the demo the synthetic traffic
/// goes through the topic first, via <c>kafka-span-producer</c>), and the flow path goes through the flows and
/// ownership topics (<see cref="AddKafkaFlowPath"/>). Cassandra on: <c>trace-store</c> writes <c>sampled-traces</c>
/// (else the embedded store does, <see cref="Query.TraceStoreServiceExtensions"/>).
/// </summary>
internal static class ConnectorExtensions
{
    /// <summary>The demo traffic job's parameter that names the stream it publishes.</summary>
    private const string DemoTrafficStreamKey = "StreamJobs:Jobs:demo-traffic:Stream";

    public static StreamJobsBuilder AddConnectors(this StreamJobsBuilder jobs, IConfigurationManager configuration, bool demo)
    {
        var kafka = KafkaConnectorOptions.From(configuration);
        if (kafka.Enabled)
        {
            KafkaNativeLibrary.EnsureLoadable();
            // The spans topic is the default source topic and sink topic; explicit Topics / Topic settings still win.
            configuration.Sources.Insert(0, new MemoryConfigurationSource
            {
                InitialData = new Dictionary<string, string?>
                {
                    [$"{KafkaConnectorOptions.Section}:Topics:0"] = kafka.SpansTopic,
                    [$"{KafkaConnectorOptions.Section}:Topic"] = kafka.SpansTopic,
                },
            });
            jobs.AddJob<KafkaSpanSourceJob>(KafkaSpanSourceJob.Name);
            // Ingested spans take the detour through the topic, so a trace's spans meet on one replica.
            jobs.Services.AddSingleton(SpanRoute.ThroughKafka);
            jobs.AddJob<KafkaSpanProducerJob>(KafkaSpanProducerJob.Name);
            if (demo)
            {
                // Below every other source, like the demo defaults: the synthetic spans take the same detour.
                configuration.Sources.Insert(0, new MemoryConfigurationSource
                {
                    InitialData = new Dictionary<string, string?> { [DemoTrafficStreamKey] = KafkaSpanProducerJob.InputStream },
                });
            }

            if (kafka.Flows)
            {
                jobs.AddKafkaFlowPath(configuration, kafka);
            }
        }

        if (CassandraConnectorOptions.From(configuration).Enabled)
        {
            jobs.Services.AddSingleton(CassandraConnectorOptions.From(configuration));
            jobs.Services.AddSingleton<CassandraSessionProvider>();
            jobs.AddJob<TraceStoreJob>(TraceStoreJob.Name);
        }
        else if (kafka.Enabled && !demo && !Query.TraceStoreServiceExtensions.HasTraceStore(configuration))
        {
            // Spans from Kafka commit only once their trace is stored: without Cassandra or the embedded store the NDJSON
            // archive is the store, or kept traces would never complete their receipts and the partitions would stall.
            jobs.AddJob<TraceArchiveJob>(TraceArchiveJob.Name);
        }

        return jobs;
    }

    /// <summary>
    /// Ingest publishes to the producer jobs' streams instead of the enricher's (<see cref="FlowRoute.ThroughKafka"/>):
    /// flows go to the flows topic keyed by flow key and come back through the flows group (<c>kafka-flows</c>), ownership
    /// events go to the compacted ownership topic and come back, all of it on every replica (<c>kafka-ownership</c>),
    /// and the enricher holds flows until that history has arrived (<see cref="OwnershipCatchUp"/>). With an
    /// enriched-flows topic, a flow is committed once both the windows and that topic's sink have it.
    /// </summary>
    private static void AddKafkaFlowPath(this StreamJobsBuilder jobs, IConfigurationManager configuration, KafkaConnectorOptions kafka)
    {
        jobs.Services.AddSingleton(FlowRoute.ThroughKafka);
        jobs.Services.AddSingleton<OwnershipCatchUp>();
        jobs.Services.AddSingleton<IOwnershipCatchUp>(sp => sp.GetRequiredService<OwnershipCatchUp>());
        jobs.AddJob<KafkaFlowProducerJob>(KafkaFlowProducerJob.Name)
            .AddJob<KafkaOwnershipProducerJob>(KafkaOwnershipProducerJob.Name)
            .AddJob<KafkaOwnershipReaderJob>(KafkaOwnershipReaderJob.Name)
            .AddJob<KafkaOwnershipPrunerJob>(KafkaOwnershipPrunerJob.Name)
            .AddJob<KafkaFlowSourceJob>(KafkaFlowSourceJob.Name);
        if (!string.IsNullOrWhiteSpace(kafka.EnrichedFlowsTopic))
        {
            // Beside the windows, as a second holder of every flow's receipt: a flow commits once both have it.
            jobs.AddJob<KafkaEnrichedFlowSinkJob>(KafkaEnrichedFlowSinkJob.Name);
        }
    }
}
