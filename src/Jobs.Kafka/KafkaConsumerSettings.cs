using Microsoft.Extensions.Configuration;

namespace StreamJobs.Kafka;

/// <summary>
/// How a Kafka source connects, which group it joins and how it commits. Binds from <c>StreamJobs:Kafka</c>
/// (<see cref="FromConfiguration"/>), the same section the producer settings read, so the servers are set once.
/// </summary>
public sealed class KafkaConsumerSettings
{
    /// <summary>The default configuration section.</summary>
    public const string SectionName = "StreamJobs:Kafka";

    /// <summary>Comma-separated <c>host:port</c> list (default <c>127.0.0.1:9092</c>).</summary>
    public string BootstrapServers { get; set; } = "127.0.0.1:9092";

    /// <summary>
    /// Set for brokers older than 0.10 (such as 0.9): the client then skips the ApiVersions request
    /// (<c>api.version.request=false</c>) and assumes <see cref="BrokerVersionFallback"/>.
    /// </summary>
    public bool LegacyBroker { get; set; }

    /// <summary>The broker version assumed when <see cref="LegacyBroker"/> is set (default <c>0.9.0.1</c>).</summary>
    public string BrokerVersionFallback { get; set; } = "0.9.0.1";

    /// <summary>The consumer group; partitions are split among the group's members.</summary>
    public string GroupId { get; set; } = "streamjobs";

    /// <summary>The topics to subscribe to.</summary>
    public List<string> Topics { get; set; } = new();

    /// <summary>Where a group with no committed offset starts: <c>earliest</c> (default) or <c>latest</c>.</summary>
    public string AutoOffsetReset { get; set; } = "earliest";

    /// <summary>How often completed offsets are committed (default 1 s).</summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Records per partition that may be read ahead of the oldest record whose receipt is not complete (default
    /// 65,536). When reached the partition is paused until old receipts complete: the backpressure of at-least-once.
    /// </summary>
    public int MaxInFlightPerPartition { get; set; } = 65_536;

    /// <summary>How long one poll waits for records when none are queued (default 100 ms).</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>On a graceful stop, how long to wait for receipts still out before the last commit (default 10 s).</summary>
    public TimeSpan ShutdownDrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>When partitions are revoked, how long to wait for their receipts before committing them (default 2 s).</summary>
    public TimeSpan RevokeDrainTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The group session timeout: how soon a dead member's partitions move (default 10 s).</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How the group splits partitions: <c>cooperative-sticky</c> (default: a rebalance moves only the partitions that
    /// must move, and members keep reading the rest), or the eager <c>range</c> / <c>roundrobin</c>, where every
    /// rebalance revokes every partition from every member. All members of a group must use the same protocol
    /// (cooperative or eager): switching means stopping the group, not a rolling update.
    /// </summary>
    public string PartitionAssignment { get; set; } = "cooperative-sticky";

    /// <summary>Extra librdkafka properties (<c>fetch.max.bytes</c>, <c>security.protocol</c>, …), applied last.</summary>
    public Dictionary<string, string> Properties { get; set; } = new();

    /// <summary>Binds the settings from <paramref name="section"/> of <paramref name="configuration"/>.</summary>
    public static KafkaConsumerSettings FromConfiguration(IConfiguration configuration, string section = SectionName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = configuration.GetSection(section).Get<KafkaConsumerSettings>() ?? new KafkaConsumerSettings();
        settings.Validate();
        return settings;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(BootstrapServers)) throw new ArgumentException($"{SectionName}:BootstrapServers must name at least one host:port.");
        if (string.IsNullOrWhiteSpace(GroupId)) throw new ArgumentException($"{SectionName}:GroupId must not be empty.");
        if (Topics.Count == 0 || Topics.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException($"{SectionName}:Topics must list at least one topic, without empty names.");
        if (AutoOffsetReset is not ("earliest" or "latest")) throw new ArgumentException($"{SectionName}:AutoOffsetReset must be 'earliest' or 'latest', not '{AutoOffsetReset}'.");
        if (PartitionAssignment is not ("cooperative-sticky" or "range" or "roundrobin")) throw new ArgumentException($"{SectionName}:PartitionAssignment must be 'cooperative-sticky', 'range' or 'roundrobin', not '{PartitionAssignment}'.");
        if (MaxInFlightPerPartition < 1) throw new ArgumentException($"{SectionName}:MaxInFlightPerPartition must be at least 1.");
        if (CommitInterval <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:CommitInterval must be positive.");
        if (PollTimeout <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:PollTimeout must be positive.");
    }
}
