using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Benchmarks;

/// <summary>
/// Managed heap held by the ownership table per IP, measured with the GC (full collections before and after building
/// a table), next to the raw bytes of what it stores.
/// </summary>
internal static class MemoryRun
{
    /// <summary>
    /// The raw bytes of an IP with three ranges: its 16-byte address and three (start, end, owner) triples of 8 + 8 + 4
    /// bytes (owner as an index into the interned names). What a packed array of the ranges alone would need.
    /// </summary>
    public const int RawThreeRangeBytes = 16 + (3 * (8 + 8 + 4));

    /// <summary>Each IP owned by three workloads in turn (A, then B, then C: five events, three event ranges).</summary>
    public static (double MeasuredPerIp, double EstimatedPerIp) ThreeRanges(IReadOnlyList<IpAddress> ips, int count, long startMs) =>
        Measure(ips, count, (table, ip) =>
        {
            table.Apply(new OwnershipEvent(ip, "app-001", startMs, OwnershipChange.Assigned));
            table.Apply(new OwnershipEvent(ip, "app-001", startMs + 60_000, OwnershipChange.Unassigned));
            table.Apply(new OwnershipEvent(ip, "app-002", startMs + 60_000, OwnershipChange.Assigned));
            table.Apply(new OwnershipEvent(ip, "app-002", startMs + 120_000, OwnershipChange.Unassigned));
            table.Apply(new OwnershipEvent(ip, "app-003", startMs + 120_000, OwnershipChange.Assigned));
        });

    /// <summary>Each IP with one assignment and one heartbeat range.</summary>
    public static (double MeasuredPerIp, double EstimatedPerIp) OneRangeOneBeat(IReadOnlyList<IpAddress> ips, int count, long startMs) =>
        Measure(ips, count, (table, ip) =>
        {
            table.Apply(new OwnershipEvent(ip, "app-001", startMs, OwnershipChange.Assigned));
            table.RecordHeartbeat(ip, "app-001", startMs + 1_000, startMs + 2_000);
        });

    private static (double, double) Measure(IReadOnlyList<IpAddress> ips, int count, Action<IpOwnershipTable, IpAddress> fill)
    {
        // Names interned up front so the measured growth is the table's alone.
        var names = new WorkloadNameTable();
        names.Intern("app-001");
        names.Intern("app-002");
        names.Intern("app-003");
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var table = new IpOwnershipTable(names: names);
        for (int i = 0; i < count; i++)
        {
            fill(table, ips[i]);
        }

        long after = GC.GetTotalMemory(forceFullCollection: true);
        double estimated = table.EstimateMemoryBytes() / (double)table.TrackedIps;
        GC.KeepAlive(table);
        return ((after - before) / (double)count, estimated);
    }
}
