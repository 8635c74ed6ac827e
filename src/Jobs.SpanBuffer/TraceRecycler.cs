using StreamJobs.Telemetry.Spans;

namespace StreamJobs.SpanBuffer;

/// <summary>
/// Keeps finished <see cref="BufferedTrace"/>s (with their list nodes, span list and facts builder) for the next traces:
/// at tens of thousands of traces a second, five objects per trace were a tenth of the span path's allocation. A
/// finished trace holds no span (its list and facts are cleared here) and nothing outside the buffer refers to it, since an emitted
/// <see cref="Trace"/> gets its own copy of the spans. Bounded: about a tick's worth of traces, and a list grown
/// large by one big trace is not kept. Not thread-safe, like the buffer that owns it.
/// </summary>
internal sealed class TraceRecycler
{
    /// <summary>Enough for the traces one 250 ms tick emits at ~30k traces/s; more would only hold memory.</summary>
    public const int MaxKept = 8192;

    /// <summary>A span list longer than this is let go rather than kept at that size for a small trace.</summary>
    public const int MaxKeptCapacity = 64;

    private readonly Stack<BufferedTrace> _free = new();

    public int Count => _free.Count;

    public BufferedTrace Take(TraceId traceId, long ticks)
    {
        if (!_free.TryPop(out var trace)) return new BufferedTrace(traceId, ticks);
        trace.Start(traceId, ticks);
        return trace;
    }

    /// <summary>Takes back a trace the buffer has forgotten (out of its dictionary and both lists).</summary>
    public void Return(BufferedTrace trace)
    {
        if (_free.Count >= MaxKept || trace.Spans.Capacity > MaxKeptCapacity) return;
        // Drops the span references, so recycled traces keep no span alive.
        trace.Spans.Clear();
        trace.Facts.Clear();
        _free.Push(trace);
    }
}
