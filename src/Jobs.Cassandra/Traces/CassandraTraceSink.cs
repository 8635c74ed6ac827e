using StreamJobs.Acknowledgement;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Storage;

namespace StreamJobs.Cassandra.Traces;

/// <summary>
/// Engine sinks that store traces in Cassandra through a <see cref="TraceStore"/>. Each batch is written as unlogged
/// single-partition batches with a bound on writes in flight, and the sink returns only when all were acknowledged,
/// so a slow or down Cassandra holds the stream back instead of losing traces. Acknowledged traces complete their
/// spans' receipts (at-least-once with replayable sources); the writes are idempotent, so replays duplicate nothing.
/// The sink materializes to a task that completes with the stream.
/// </summary>
public static class CassandraTraceSink
{
    private const string DefaultName = "cassandra-traces";

    /// <summary>A sink of traces into an existing store (no lookup policy recorded).</summary>
    public static Sink<Trace, Task> Create(TraceStore store, string name = DefaultName) =>
        Create<Trace>(store, static trace => new TraceWrite(trace), name);

    /// <summary>A sink of traces that creates the store's schema on its first batch, retrying while Cassandra is down.</summary>
    public static Sink<Trace, Task> Create(ISession session, TraceStoreOptions? options = null, string name = DefaultName) =>
        Create<Trace>(session, options, static trace => new TraceWrite(trace), name);

    /// <summary>
    /// A sink of any record that describes a trace to store, e.g. a sampled trace with the policy that kept it:
    /// <c>Create&lt;SampledTrace&gt;(store, s =&gt; new TraceWrite(s.Trace, s.Policy, spansOnly: s.Late))</c>.
    /// </summary>
    public static Sink<T, Task> Create<T>(TraceStore store, Func<T, TraceWrite> describe, string name = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(describe);
        var options = new TraceStoreOptions();
        return AcknowledgingSink.Create<T, CassandraTraceSinkLogic<T>>(
            () => new CassandraTraceSinkLogic<T>((_, _) => Task.FromResult(store), describe, options), name);
    }

    /// <summary>As <see cref="Create{T}(TraceStore, Func{T, TraceWrite}, string)"/>, creating the store on the first batch.</summary>
    public static Sink<T, Task> Create<T>(ISession session, TraceStoreOptions? options, Func<T, TraceWrite> describe, string name = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(describe);
        options ??= new TraceStoreOptions();
        options.Validate();
        return AcknowledgingSink.Create<T, CassandraTraceSinkLogic<T>>(
            () => new CassandraTraceSinkLogic<T>((logger, ct) => TraceStore.CreateAsync(session, options, logger, ct), describe, options), name);
    }
}
