namespace StreamJobs.FlowEnricher.Benchmarks;

/// <summary>
/// Each run builds its ownership table from an hour of initial assignments (untimed, like a table that has been
/// running). In a long-running process that table is old and in the GC's oldest generation; freshly built, it sits in
/// the youngest, and the first collection of the timed part would copy all of it. Collecting before the clocks start
/// bills that one-time promotion to the warm-up, as a table that had been running would have paid it long ago.
/// </summary>
internal static class WarmTable
{
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
