namespace StreamJobs.Host.Memory;

/// <summary>How the host keeps its memory bounded and hands it back after a burst (<c>StreamJobs:Memory</c>).</summary>
internal sealed class MemoryOptions
{
    public const string Section = "StreamJobs:Memory";

    /// <summary>
    /// Ingest requests (spans and flows, all protocols) read and decoded at once; more get 429 with Retry-After. Each
    /// holds up to its body limit plus the decoded records. Null derives it from the memory the GC may use.
    /// </summary>
    public int? MaxConcurrentIngestRequests { get; set; }

    /// <summary>After a burst, when allocation has calmed down, run one compacting collection that returns freed memory to the OS.</summary>
    public bool TrimWhenIdle { get; set; } = true;

    /// <summary>How often the trimmer looks at allocation and the working set.</summary>
    public TimeSpan TrimCheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}
