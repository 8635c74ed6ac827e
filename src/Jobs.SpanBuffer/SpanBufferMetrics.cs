using System.Diagnostics.Metrics;

namespace StreamJobs.SpanBuffer;

/// <summary>
/// Process-wide counters of the span buffer, beyond the engine's per-stage in/out/dropped: why traces left the buffer
/// and what it holds. Published on the <c>StreamJobs.SpanBuffer</c> meter; register one as a singleton to share it.
/// </summary>
public sealed class SpanBufferMetrics : IDisposable
{
    private readonly Meter _meter = new("StreamJobs.SpanBuffer");
    private long _spansIn, _spansRejected, _spansCapped, _quiet, _maxAge, _early, _drained, _heldTraces, _heldBytes, _handedOff;

    /// <summary>Creates the counters and their meter.</summary>
    public SpanBufferMetrics()
    {
        _meter.CreateObservableCounter("streamjobs.spanbuffer.spans", () => new[]
        {
            Measure(ref _spansIn, "accepted"),
            Measure(ref _spansRejected, "rejected"),
            Measure(ref _spansCapped, "capped"),
            Measure(ref _handedOff, "handed-off"),
        }, "{span}", "Spans taken by the buffer, by outcome.");
        _meter.CreateObservableCounter("streamjobs.spanbuffer.traces", () => new[]
        {
            Measure(ref _quiet, "quiet"),
            Measure(ref _maxAge, "max-age"),
            Measure(ref _early, "early"),
            Measure(ref _drained, "drained"),
        }, "{trace}", "Traces emitted by the buffer, by reason.");
        _meter.CreateObservableGauge("streamjobs.spanbuffer.held_traces", () => Interlocked.Read(ref _heldTraces), "{trace}", "Traces held now.");
        _meter.CreateObservableGauge("streamjobs.spanbuffer.held_bytes", () => Interlocked.Read(ref _heldBytes), "By", "Estimated bytes held now.");
    }

    /// <summary>Spans accepted into a trace.</summary>
    public long SpansIn => Interlocked.Read(ref _spansIn);

    /// <summary>Spans rejected (empty trace id).</summary>
    public long SpansRejected => Interlocked.Read(ref _spansRejected);

    /// <summary>Spans dropped by the per-trace span cap.</summary>
    public long SpansCapped => Interlocked.Read(ref _spansCapped);

    /// <summary>Spans released unfinished because their partition was revoked: the next owner replays them.</summary>
    public long SpansHandedOff => Interlocked.Read(ref _handedOff);

    /// <summary>Traces emitted because they were quiet.</summary>
    public long TracesQuiet => Interlocked.Read(ref _quiet);

    /// <summary>Traces emitted because they reached the maximum age.</summary>
    public long TracesMaxAge => Interlocked.Read(ref _maxAge);

    /// <summary>Traces decided early because a bound (traces or bytes) was hit.</summary>
    public long TracesEarly => Interlocked.Read(ref _early);

    /// <summary>Traces drained at shutdown before they were due.</summary>
    public long TracesDrained => Interlocked.Read(ref _drained);

    /// <summary>Traces held at the last report.</summary>
    public long HeldTraces => Interlocked.Read(ref _heldTraces);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    /// <summary>Adds what <paramref name="buffer"/> counted since <paramref name="last"/>, and remembers its totals.</summary>
    internal void Report(TraceBuffer buffer, ref BufferTotals last)
    {
        var now = BufferTotals.Of(buffer);
        Interlocked.Add(ref _spansIn, now.SpansIn - last.SpansIn);
        Interlocked.Add(ref _spansRejected, now.Rejected - last.Rejected);
        Interlocked.Add(ref _spansCapped, now.Capped - last.Capped);
        Interlocked.Add(ref _quiet, now.Quiet - last.Quiet);
        Interlocked.Add(ref _maxAge, now.MaxAge - last.MaxAge);
        Interlocked.Add(ref _early, now.Early - last.Early);
        Interlocked.Add(ref _drained, now.Drained - last.Drained);
        Interlocked.Add(ref _heldTraces, now.HeldTraces - last.HeldTraces);
        Interlocked.Add(ref _heldBytes, now.HeldBytes - last.HeldBytes);
        Interlocked.Add(ref _handedOff, now.HandedOff - last.HandedOff);
        last = now;
    }

    private static Measurement<long> Measure(ref long counter, string kind) =>
        new(Interlocked.Read(ref counter), new KeyValuePair<string, object?>("kind", kind));
}
