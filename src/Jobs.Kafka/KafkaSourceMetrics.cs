using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace StreamJobs.Kafka;

/// <summary>
/// The running Kafka sources of the process on the <c>StreamJobs.Kafka</c> meter, tagged by consumer group: partitions
/// assigned now (how the group split the topic, and whether this replica has work), records consumed, commits and
/// pauses. Sources register when they start and leave when they stop.
/// </summary>
internal static class KafkaSourceMetrics
{
    private static readonly ConcurrentDictionary<KafkaConsumerControl, string> Running = new();
    private static readonly Meter Meter = new("StreamJobs.Kafka");

    static KafkaSourceMetrics()
    {
        Meter.CreateObservableGauge("streamjobs.kafka.assigned_partitions", () => Observe(c => c.Assignment.Count), "{partition}", "Partitions this member of the group reads now.");
        Meter.CreateObservableCounter("streamjobs.kafka.consumed", () => Observe(c => c.Consumed), "{record}", "Records read from Kafka, malformed ones included.");
        Meter.CreateObservableCounter("streamjobs.kafka.commits", () => Observe(c => c.Commits), "{commit}", "Successful offset commits.");
        Meter.CreateObservableCounter("streamjobs.kafka.pauses", () => Observe(c => c.Pauses), "{pause}", "Times a partition was paused because its receipt window was full.");
    }

    public static void Started(KafkaConsumerControl control, string group) => Running[control] = group;

    public static void Stopped(KafkaConsumerControl control) => Running.TryRemove(control, out _);

    // Summed per group: several sources of one group in a process (two jobs, or tests) make one series, not duplicates.
    private static IEnumerable<Measurement<long>> Observe(Func<KafkaConsumerControl, long> read) =>
        Running.GroupBy(source => source.Value, StringComparer.Ordinal)
            .Select(group => new Measurement<long>(group.Sum(source => read(source.Key)), new KeyValuePair<string, object?>("group", group.Key)));
}
