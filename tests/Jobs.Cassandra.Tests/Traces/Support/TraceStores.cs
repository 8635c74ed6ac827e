using StreamJobs.Cassandra.Traces;

namespace StreamJobs.Cassandra.Tests.Traces.Support;

/// <summary>Trace store settings for the tests: one keyspace shared by the trace tests, a day's TTL.</summary>
internal static class TraceStores
{
    public const string Keyspace = "streamjobs_trace_tests";

    public static TraceStoreOptions Options(Action<TraceStoreOptions>? configure = null)
    {
        var options = new TraceStoreOptions { Keyspace = Keyspace, TimeToLive = TimeSpan.FromDays(1) };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A service name no other test (or earlier run) uses, so lookups see only this test's traces.</summary>
    public static string UniqueService(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
