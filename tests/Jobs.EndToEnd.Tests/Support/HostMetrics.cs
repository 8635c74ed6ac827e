using System.Globalization;
using StreamJobs.Host.Tests.Support;

namespace StreamJobs.EndToEnd.Tests.Support;

/// <summary>Reads a host's <c>/metrics</c> (Prometheus text): the sum of one metric's samples whose labels contain every given pair.</summary>
internal static class HostMetrics
{
    public static async Task<double> SumAsync(HostProcess host, string metric, params string[] labels)
    {
        var text = await host.Http.GetStringAsync("/metrics");
        double sum = 0;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(metric + "{", StringComparison.Ordinal) && !line.StartsWith(metric + " ", StringComparison.Ordinal)) continue;
            if (!labels.All(label => line.Contains(label, StringComparison.Ordinal))) continue;
            sum += double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }
        return sum;
    }

    /// <summary>Spans the host's Kafka source handed to the pipeline.</summary>
    public static Task<double> SpansConsumedAsync(HostProcess host) =>
        SumAsync(host, "streamjobs_records_out_total", "job=\"kafka-spans\"");

    /// <summary>Partitions the host's consumer in <paramref name="group"/> reads now.</summary>
    public static Task<double> PartitionsAssignedAsync(HostProcess host, string group) =>
        SumAsync(host, "streamjobs_kafka_assigned_partitions", $"group=\"{group}\"");

    /// <summary>Spans the host's span buffer released unfinished because their partition was revoked.</summary>
    public static Task<double> SpansHandedOffAsync(HostProcess host) =>
        SumAsync(host, "streamjobs_spanbuffer_spans_total", "kind=\"handed-off\"");
}
