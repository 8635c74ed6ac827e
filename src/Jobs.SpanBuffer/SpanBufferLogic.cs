using Microsoft.Extensions.Logging;
using StreamJobs.Acknowledgement;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.SpanBuffer;

/// <summary>
/// The span buffer as a stream stage: spans go into a <see cref="TraceBuffer"/>; traces forced out by a bound are
/// emitted with the span that forced them, due traces on each timer tick, and everything held when upstream finishes.
/// When a source revokes partitions (<see cref="ReceiptHandoff"/>), the spans held from them, and those still on their
/// way, are released rather than decided: the partition's next owner replays and decides those traces whole.
/// </summary>
internal sealed class SpanBufferLogic : StageLogic<Span, Trace>
{
    private readonly TraceBuffer _buffer;
    private readonly TimeSpan _tick;
    private readonly SpanBufferMetrics _metrics;
    private readonly ReceiptHandoffWatch? _handoff;
    private readonly List<Trace> _ready = new();
    private readonly Func<Receipt, bool> _isRevoked;
    private BufferTotals _reported;
    private DateTimeOffset _batchNow;

    public SpanBufferLogic(SpanBufferOptions options, TimeSpan tick, SpanBufferMetrics metrics, ReceiptHandoff? handoff = null)
    {
        _buffer = new TraceBuffer(options);
        _tick = tick;
        _metrics = metrics;
        _handoff = handoff is null ? null : new ReceiptHandoffWatch(handoff);
        _isRevoked = receipt => _handoff!.IsRevoked(receipt);
    }

    public override TimeSpan? TimerInterval => _tick;

    /// <summary>A batch arrives at one moment: the clock is read once for all its spans, not once per span.</summary>
    public override void OnBatchStart(int count) => _batchNow = Context.Time.GetUtcNow();

    public override void OnRecord(Span record, Emitter<Trace> output)
    {
        if (_handoff is not null)
        {
            CatchUpWithHandoff();
            if (_handoff.IsRevoked(record.Receipt))
            {
                _buffer.Release(record);
                return;
            }
        }

        _buffer.Add(record, _batchNow, _ready);
        if (_ready.Count > 0) Emit(output);
    }

    public override void OnTimer(DateTimeOffset now, Emitter<Trace> output)
    {
        if (_handoff is not null) CatchUpWithHandoff();
        _buffer.DrainDue(now, _ready);
        Emit(output);
        Report();
    }

    public override void OnUpstreamFinish(Emitter<Trace> output)
    {
        if (_handoff is not null) CatchUpWithHandoff();
        _buffer.DrainAll(_ready);
        Emit(output);
        Report();
    }

    /// <summary>Releases what a new revocation covers.</summary>
    private void CatchUpWithHandoff()
    {
        if (!_handoff!.Changed()) return;
        var released = _buffer.ReleaseWhere(_isRevoked);
        if (released > 0) Context.Logger.LogInformation("Released {Spans} buffered spans of revoked partitions; their next owner replays them", released);
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
