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

    public static KafkaConnectorOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<KafkaConnectorOptions>() ?? new KafkaConnectorOptions();
}
