namespace StreamJobs.TestKit;

/// <summary>
/// Measures what a hot path allocates on the calling thread, for tests that promise "nothing per record".
/// </summary>
public static class Allocations
{
    /// <summary>
    /// Runs <paramref name="window"/> (a loop over many records) until one run allocates nothing on this thread, at most
    /// <paramref name="attempts"/> times, and returns the bytes each run allocated: assert that the last is 0. Several
    /// runs are allowed because on a busy machine the runtime may still be recompiling the code under test (tiered
    /// compilation), which allocates on the calling thread; a real allocation per record shows in every run.
    /// </summary>
    public static IReadOnlyList<long> UntilQuiet(Action window, int attempts = 5)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var bytes = new List<long>(attempts);
        do
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            window();
            bytes.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }
        while (bytes[^1] != 0 && bytes.Count < attempts);
        return bytes;
    }
}
