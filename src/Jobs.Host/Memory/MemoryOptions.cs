using System.ComponentModel.DataAnnotations;

namespace StreamJobs.Host.Memory;

/// <summary>How the host keeps its memory bounded and hands it back after a burst (<c>StreamJobs:Memory</c>).</summary>
internal sealed class MemoryOptions
{
    public const string Section = "StreamJobs:Memory";

    /// <summary>
    /// Ingest requests (spans and flows, all protocols) read and decoded at once; more get 429 with Retry-After. Each
    /// holds up to its body limit plus the decoded records. <see cref="MemoryDefaults"/> derives the default from the
    /// memory the GC may use (at least 2, which is also the value here).
    /// </summary>
    [Range(1, 10_000)]
    public int MaxConcurrentIngestRequests { get; set; } = 2;

    /// <summary>
    /// How long an ingest request may take to send its body. The request holds an ingest permit while it sends, so
    /// without this a few senders trickling bytes (Kestrel's own minimum is 240 bytes/s) could hold every permit for
    /// hours; past it the answer is 408 and the permit is free again.
    /// </summary>
    public TimeSpan IngestBodyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After a burst, when allocation has calmed down, run one compacting collection that returns freed memory to the OS.</summary>
    public bool TrimWhenIdle { get; set; } = true;

    /// <summary>How often the trimmer looks at allocation and the working set.</summary>
    public TimeSpan TrimCheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}
