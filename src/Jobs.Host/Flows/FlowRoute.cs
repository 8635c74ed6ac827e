using StreamJobs.FlowEnricher;

namespace StreamJobs.Host.Flows;

/// <summary>
/// Where flow ingest (and the demo's flow traffic) publishes: straight to the enricher's <c>flows</c> and
/// <c>ip-ownership</c> streams in process, or, with Kafka, to streams that the Kafka producer jobs write to the topics
/// (the topics then feed the enricher's streams on every replica).
/// </summary>
/// <param name="FlowStream">The stream ingested flows go to.</param>
/// <param name="OwnershipStream">The stream ingested ownership events go to.</param>
internal sealed record FlowRoute(string FlowStream, string OwnershipStream)
{
    /// <summary>Straight into the enricher's inputs.</summary>
    public static FlowRoute InProcess { get; } = new(FlowEnricherJob.FlowStream, FlowEnricherJob.OwnershipStream);

    /// <summary>Through the Kafka topics: ingest publishes here, the producer jobs read from here.</summary>
    public static FlowRoute ThroughKafka { get; } = new("ingested-flows", "ingested-ownership");
}
