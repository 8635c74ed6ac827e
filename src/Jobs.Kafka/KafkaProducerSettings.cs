using Microsoft.Extensions.Configuration;

namespace StreamJobs.Kafka;

/// <summary>How a Kafka sink connects and batches. Binds from <c>StreamJobs:Kafka</c> (<see cref="FromConfiguration"/>).</summary>
public sealed class KafkaProducerSettings
{
    /// <summary>Comma-separated <c>host:port</c> list (default <c>127.0.0.1:9092</c>).</summary>
    public string BootstrapServers { get; set; } = "127.0.0.1:9092";

    /// <summary>Set for brokers older than 0.10 (such as 0.9); see <see cref="KafkaConsumerSettings.LegacyBroker"/>.</summary>
    public bool LegacyBroker { get; set; }

    /// <summary>The broker version assumed when <see cref="LegacyBroker"/> is set (default <c>0.9.0.1</c>).</summary>
    public string BrokerVersionFallback { get; set; } = "0.9.0.1";

    /// <summary>The topic written to.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary><c>none</c>, <c>gzip</c>, <c>snappy</c> or <c>lz4</c> (all work with 0.9; default <c>lz4</c>).</summary>
    public string Compression { get; set; } = "lz4";

    /// <summary>How long the client waits to fill a request (default 5 ms).</summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Acknowledgements required: <c>all</c> (default), <c>1</c> or <c>0</c>.</summary>
    public string Acks { get; set; } = "all";

    /// <summary>The client's queue bound; a full queue makes the sink wait (default 100,000).</summary>
    public int MaxQueuedMessages { get; set; } = 100_000;

    /// <summary>How long the client tries one delivery before reporting it failed (default 30 s); the sink then retries.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the sink waits before producing failed records again (default 1 s).</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Extra librdkafka properties, applied last.</summary>
    public Dictionary<string, string> Properties { get; set; } = new();

    /// <summary>Binds the settings from <paramref name="section"/> of <paramref name="configuration"/>.</summary>
    public static KafkaProducerSettings FromConfiguration(IConfiguration configuration, string section = KafkaConsumerSettings.SectionName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = configuration.GetSection(section).Get<KafkaProducerSettings>() ?? new KafkaProducerSettings();
        settings.Validate();
        return settings;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        const string section = KafkaConsumerSettings.SectionName;
        if (string.IsNullOrWhiteSpace(BootstrapServers)) throw new ArgumentException($"{section}:BootstrapServers must name at least one host:port.");
        if (string.IsNullOrWhiteSpace(Topic)) throw new ArgumentException($"{section}:Topic must name the topic to write to.");
        if (Compression is not ("none" or "gzip" or "snappy" or "lz4")) throw new ArgumentException($"{section}:Compression must be none, gzip, snappy or lz4, not '{Compression}'.");
        if (Acks is not ("all" or "1" or "0" or "-1")) throw new ArgumentException($"{section}:Acks must be all, 1 or 0, not '{Acks}'.");
        if (MaxQueuedMessages < 1) throw new ArgumentException($"{section}:MaxQueuedMessages must be at least 1.");
    }
}
