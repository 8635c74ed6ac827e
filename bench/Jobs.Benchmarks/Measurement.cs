namespace StreamJobs.Benchmarks;

/// <summary>A run with the GC work it caused: gen0 collections and bytes allocated on every thread.</summary>
internal readonly record struct Measurement(TimeSpan Elapsed, long Sum, int Gen0Collections, long AllocatedBytes)
{
    public double RecordsPerSecond(long records) => records / Elapsed.TotalSeconds;

    /// <summary>Runs <paramref name="run"/> after a full collection, so the counters see only its own work.</summary>
    public static async Task<Measurement> Of(Func<Task<RunResult>> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var gen0 = GC.CollectionCount(0);
        // Precise: the engine's async boundary and the peers allocate on pool threads, which
        // GetAllocatedBytesForCurrentThread would miss.
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var result = await run();
        return new Measurement(
            result.Elapsed,
            result.Sum,
            GC.CollectionCount(0) - gen0,
            GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }
}
