using System.Globalization;
using Microsoft.Extensions.Configuration.Memory;

namespace StreamJobs.Host.Memory;

/// <summary>
/// Puts the <see cref="MemoryBudget"/> defaults below every other configuration source, so appsettings, environment
/// and command line still override each of them.
/// </summary>
internal static class MemoryDefaults
{
    public static IReadOnlyDictionary<string, string?> Apply(IConfigurationBuilder builder, IConfiguration configuration, long available)
    {
        var spanBytes = RequestBytes(configuration, "span-ingest");
        var flowBytes = RequestBytes(configuration, "flow-ingest");
        var values = new Dictionary<string, string?>
        {
            ["StreamJobs:Jobs:span-ingest:QueueCapacity"] = Text(MemoryBudget.IngestQueueCapacity(available, spanBytes)),
            ["StreamJobs:Jobs:flow-ingest:QueueCapacity"] = Text(MemoryBudget.IngestQueueCapacity(available, flowBytes)),
            ["StreamJobs:Jobs:span-buffer:MaxBytes"] = Text(MemoryBudget.SpanBufferBytes(available)),
            [MemoryOptions.Section + ":MaxConcurrentIngestRequests"] = Text(MemoryBudget.ConcurrentIngestRequests(available, Math.Max(spanBytes, flowBytes))),
        };
        builder.Sources.Insert(0, new MemoryConfigurationSource { InitialData = values });
        return values;
    }

    private static long RequestBytes(IConfiguration configuration, string job) =>
        long.TryParse(configuration[$"StreamJobs:Jobs:{job}:MaxRequestBytes"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes) && bytes > 0
            ? bytes
            : MemoryBudget.DefaultRequestBytes;

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
