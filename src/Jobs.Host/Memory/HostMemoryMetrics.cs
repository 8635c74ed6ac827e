using System.Diagnostics.Metrics;

namespace StreamJobs.Host.Memory;

/// <summary>The <c>StreamJobs.Memory</c> meter: the GC's view of memory, idle trims, and ingest requests refused for memory.</summary>
internal sealed class HostMemoryMetrics : IDisposable
{
    private readonly Meter _meter = new("StreamJobs.Memory");
    private long _trims, _ingestRefused, _outOfMemory;

    public HostMemoryMetrics()
    {
        _meter.CreateObservableGauge("streamjobs.memory.available", () => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, "By", "Memory the GC may use (its hard limit, the container's limit, or physical memory).");
        _meter.CreateObservableGauge("streamjobs.memory.gc_committed", () => GC.GetGCMemoryInfo().TotalCommittedBytes, "By", "Memory the GC has committed.");
        _meter.CreateObservableGauge("streamjobs.memory.gc_heap", () => GC.GetGCMemoryInfo().HeapSizeBytes, "By", "GC heap size after the last collection.");
        _meter.CreateObservableGauge("streamjobs.memory.working_set", () => Environment.WorkingSet, "By", "The process's resident memory.");
        _meter.CreateObservableCounter("streamjobs.memory.trims", () => Trims, "{collection}", "Compacting collections run after a burst to return memory.");
        _meter.CreateObservableCounter("streamjobs.ingest.concurrency_refused", () => IngestRefused, "{request}", "Ingest requests answered 429 because StreamJobs:Memory:MaxConcurrentIngestRequests were already being decoded.");
        _meter.CreateObservableCounter("streamjobs.memory.out_of_memory", () => OutOfMemory, "{request}", "Requests answered 503 because an allocation hit the GC heap limit.");
    }

    public long Trims => Interlocked.Read(ref _trims);

    public long IngestRefused => Interlocked.Read(ref _ingestRefused);

    public long OutOfMemory => Interlocked.Read(ref _outOfMemory);

    public void Trimmed() => Interlocked.Increment(ref _trims);

    public void Refused() => Interlocked.Increment(ref _ingestRefused);

    public void RanOutOfMemory() => Interlocked.Increment(ref _outOfMemory);

    public void Dispose() => _meter.Dispose();
}
