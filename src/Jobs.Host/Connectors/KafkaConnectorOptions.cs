namespace StreamJobs.Host.Connectors;

/// <summary>
/// Host-level Kafka switches, next to the client settings in the same section (<c>StreamJobs:Kafka</c>), which
/// <c>KafkaConsumerSettings</c> and <c>KafkaProducerSettings</c> bind themselves.
/// </summary>
internal sealed class KafkaConnectorOptions
{
    public const string Section = "StreamJobs:Kafka";

    /// <summary>Feed the <c>spans</c> stream from Kafka (off: spans come from in-process ingest only).</summary>
    public bool Enabled { get; set; }

    /// <summary>The topic of Zipkin JSON spans keyed by trace id.</summary>
    public string SpansTopic { get; set; } = "spans";

    /// <summary>With Kafka on, route the flow path through Kafka too (off: flows stay in process on each replica).</summary>
    public bool Flows { get; set; } = true;

    /// <summary>The topic of flow records (one binary datagram each) keyed by flow key, read in the flows group.</summary>
    public string FlowsTopic { get; set; } = "flows";

    /// <summary>The compacted topic of IP ownership events that every replica reads in full.</summary>
    public string OwnershipTopic { get; set; } = "ip-ownership";

    /// <summary>Where <c>kafka-enriched-flows</c> writes enriched flows (JSON, keyed by flow key); empty: not written.</summary>
    public string? EnrichedFlowsTopic { get; set; }

    /// <summary>The consumer group of the flows topic; empty: <c>GroupId</c> + <c>-flows</c>.</summary>
    public string? FlowsGroupId { get; set; }

    public static KafkaConnectorOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<KafkaConnectorOptions>() ?? new KafkaConnectorOptions();
}
