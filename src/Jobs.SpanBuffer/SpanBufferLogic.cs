using StreamJobs.Streams;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.SpanBuffer;

/// <summary>
/// The span buffer as a stream stage: spans go into a <see cref="TraceBuffer"/>; traces forced out by a bound are
/// emitted with the span that forced them, due traces on each timer tick, and everything held when upstream finishes.
/// </summary>
internal sealed class SpanBufferLogic : StageLogic<Span, Trace>
{
    private readonly TraceBuffer _buffer;
    private readonly TimeSpan _tick;
    private readonly SpanBufferMetrics _metrics;
    private readonly List<Trace> _ready = new();
    private BufferTotals _reported;

    public SpanBufferLogic(SpanBufferOptions options, TimeSpan tick, SpanBufferMetrics metrics)
    {
        _buffer = new TraceBuffer(options);
        _tick = tick;
        _metrics = metrics;
    }

    public override TimeSpan? TimerInterval => _tick;

    public override void OnRecord(Span record, Emitter<Trace> output)
    {
        _buffer.Add(record, Context.Time.GetUtcNow(), _ready);
        if (_ready.Count > 0) Emit(output);
    }

    public override void OnTimer(DateTimeOffset now, Emitter<Trace> output)
    {
        _buffer.DrainDue(now, _ready);
        Emit(output);
        Report();
    }

    public override void OnUpstreamFinish(Emitter<Trace> output)
    {
        _buffer.DrainAll(_ready);
        Emit(output);
        Report();
    }

    private void Emit(Emitter<Trace> output)
    {
        for (var i = 0; i < _ready.Count; i++) output.Emit(_ready[i]);
        _ready.Clear();
    }

    /// <summary>Counters are reported per tick, not per span: spans without a trace id or over the cap count as dropped.</summary>
    private void Report()
    {
        var dropped = _buffer.SpansRejected + _buffer.SpansDroppedByCap - _reported.Rejected - _reported.Capped;
        if (dropped > 0) Context.Metrics.AddDropped(dropped);
        _metrics.Report(_buffer, ref _reported);
    }
}
