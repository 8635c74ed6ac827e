namespace StreamJobs.Host.Memory;

/// <summary>
/// Defaults for the big buffers, derived from the memory the GC may use (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>:
/// the GC heap hard limit, which the host sets to 70% of the container's memory limit). A quarter of it goes to
/// requests being decoded, an eighth to each of the two ingest queues (spans, flows), an eighth to the span buffer
/// (whose MaxBytes is an estimate that understates the heap by two to three times); the rest is for the jobs' working
/// sets, taps and the GC's own slack.
/// </summary>
internal static class MemoryBudget
{
    /// <summary>An ingest request's body limit when none is configured (the ingest jobs' default).</summary>
    public const long DefaultRequestBytes = 4L * 1024 * 1024;

    /// <summary>The memory the GC may use: its hard limit, else the container's limit, else physical memory.</summary>
    public static long Available => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Requests decoded at once: each holds its body and then about one and a half times that in records.</summary>
    public static int ConcurrentIngestRequests(long available, long requestBytes) =>
        (int)Math.Clamp(available / 4 / (requestBytes * 5 / 2), 2, 64);

    /// <summary>
    /// Decoded requests an ingest queue may hold (the ingest jobs' QueueCapacity; the built-in default is the upper
    /// bound). A decoded request of Zipkin JSON takes about three times its body in span objects.
    /// </summary>
    public static int IngestQueueCapacity(long available, long requestBytes) =>
        (int)Math.Clamp(available / 8 / (requestBytes * 3), 2, 256);

    /// <summary>The span buffer's MaxBytes (its built-in 256 MiB is the upper bound).</summary>
    public static long SpanBufferBytes(long available) => Math.Clamp(available / 8, 16L * 1024 * 1024, 256L * 1024 * 1024);
}
