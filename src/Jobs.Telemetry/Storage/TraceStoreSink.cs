using StreamJobs.Acknowledgement;
using StreamJobs.Streams;

namespace StreamJobs.Telemetry.Storage;

/// <summary>
/// An engine sink into any <see cref="ITraceStore"/>: each batch is one <see cref="ITraceStore.WriteAsync"/>, and the
/// spans' receipts complete once it returned, so a source commits only what is stored (at-least-once; the store's
/// writes are idempotent). A failed write is retried with backoff until it succeeds or the job stops, holding the
/// stream back meanwhile. The sink materializes to a task that completes with the stream.
/// </summary>
public static class TraceStoreSink
{
    /// <summary>A sink of records that describe traces to store, e.g. <c>s =&gt; new TraceWrite(s.Trace, s.Policy, s.Late)</c>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="describe">What to store for a record.</param>
    /// <param name="name">The sink stage's name in metrics.</param>
    public static Sink<T, Task> Create<T>(ITraceStore store, Func<T, TraceWrite> describe, string name = "trace-store")
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(describe);
        return AcknowledgingSink.Create<T, TraceStoreSinkLogic<T>>(() => new TraceStoreSinkLogic<T>(store, describe), name);
    }
}
