using StreamJobs.FlowEnricher.Windows;
using StreamJobs.Streams;

namespace StreamJobs.FlowEnricher;

/// <summary>
/// Flow windows as a stream stage: enriched flows go into a <see cref="FlowWindowAggregator"/> (exact sums, exact RTT
/// percentiles up to a bound); due windows are emitted on the timer and all open ones when upstream finishes. Flows for
/// an already closed window are counted as dropped. With <see cref="FlowWindowParameters.CompleteReceipts"/> the
/// stage is the end of the chain for receipts: a flow's receipt completes once the flow is in (or dropped from) its window.
/// </summary>
internal sealed class FlowWindowLogic : StageLogic<EnrichedFlow, FlowWindow>
{
    private readonly FlowWindowAggregator _aggregator;
    private readonly TimeSpan _tick;
    private readonly FlowEnricherMetrics _metrics;
    private readonly List<FlowWindow> _closed = [];
    private readonly bool _completeReceipts;
    private long _reportedLate, _reportedEarly;

    public FlowWindowLogic(FlowWindowParameters parameters, FlowEnricherMetrics metrics)
    {
        _aggregator = new FlowWindowAggregator(parameters.ToOptions());
        _tick = parameters.TickInterval;
        _metrics = metrics;
        _completeReceipts = parameters.CompleteReceipts;
    }

    public override TimeSpan? TimerInterval => _tick;

    public override void OnRecord(EnrichedFlow record, Emitter<FlowWindow> output) => Take(in record);

    /// <summary>The engine's path: the batch's flows are read in place, not copied per call.</summary>
    public override void OnRecords(ref RecordCursor<EnrichedFlow> records, Emitter<FlowWindow> output)
    {
        while (records.MoveNext())
        {
            Take(in records.Current);
        }
    }

    public override void OnTimer(DateTimeOffset now, Emitter<FlowWindow> output)
    {
        _aggregator.CloseDue(now, _closed);
        Emit(output);
    }

    public override void OnUpstreamFinish(Emitter<FlowWindow> output)
    {
        _aggregator.CloseAll(_closed);
        Emit(output);
    }

    private void Take(in EnrichedFlow flow)
    {
        _aggregator.Accept(flow);
        if (_completeReceipts)
        {
            flow.Flow.Receipt.Complete();
        }
    }

    private void Emit(Emitter<FlowWindow> output)
    {
        foreach (var window in _closed)
        {
            output.Emit(window);
        }

        long late = _aggregator.LateDropped - _reportedLate;
        long early = _aggregator.ClosedEarly - _reportedEarly;
        if (late > 0)
        {
            Context.Metrics.AddDropped(late);
        }

        _metrics.ReportWindows(_closed.Count, late, early);
        (_reportedLate, _reportedEarly) = (_aggregator.LateDropped, _aggregator.ClosedEarly);
        _closed.Clear();
    }
}
