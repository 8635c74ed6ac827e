using Microsoft.Extensions.Configuration.Memory;
using StreamJobs.Hosting;

namespace StreamJobs.Host.Connectors;

/// <summary>
/// Registers the real-server connectors when configuration asks for them; without it the host stays fully
/// in-process. Kafka on: <c>kafka-spans</c> feeds <c>spans</c> from the topic (and in the demo the synthetic traffic
/// goes through the topic first, via <c>kafka-span-producer</c>). Cassandra on: <c>trace-store</c> writes
/// <c>sampled-traces</c>.
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
            NativeKafkaLibrary.EnsureAvailable();
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
            if (demo)
            {
                // Below every other source, like the demo defaults: the synthetic spans take the detour through Kafka.
                configuration.Sources.Insert(0, new MemoryConfigurationSource
                {
                    InitialData = new Dictionary<string, string?> { [DemoTrafficStreamKey] = KafkaSpanProducerJob.InputStream },
                });
                jobs.AddJob<KafkaSpanProducerJob>(KafkaSpanProducerJob.Name);
            }
        }

        if (CassandraConnectorOptions.From(configuration).Enabled)
        {
            jobs.Services.AddSingleton(CassandraConnectorOptions.From(configuration));
            jobs.Services.AddSingleton<CassandraSessionProvider>();
            jobs.AddJob<TraceStoreJob>(TraceStoreJob.Name);
        }

        return jobs;
    }
}
