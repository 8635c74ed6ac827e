using System.Runtime.InteropServices;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher;

/// <summary>
/// The attributor as a stream stage. Ownership events and flows arrive merged in one input, so the single-threaded
/// attributor applies them in arrival order. Flows that resolve are emitted at once; waiting ones on the timer, and
/// every wait ends (attributed as far as evidence allows, else unknown) when upstream finishes. With an
/// <see cref="IOwnershipCatchUp"/>, flows are held (not attributed) until the ownership input has delivered the
/// shared history, then taken in arrival order.
/// </summary>
internal sealed class FlowEnricherLogic : StageLogic<FlowEnricherInput, EnrichedFlow>
{
    private readonly FlowAttributor _attributor;
    private readonly TimeSpan _tick;
    private readonly FlowEnricherMetrics _metrics;
    private readonly EmitterFlowSink _sink = new();
    private IOwnershipCatchUp? _catchUp;
    private List<FlowRecord>? _held;
    private AttributorTotals _reported;
    private long _invalidEvents;
    private long _eventsSeen;
    private long _reportedHeld;

    public FlowEnricherLogic(FlowEnricherParameters parameters, FlowEnricherMetrics metrics, IOwnershipCatchUp? catchUp = null)
    {
        _catchUp = catchUp;
        _attributor = new FlowAttributor(new IpOwnershipTable(parameters.ToTableOptions()), parameters.ToCidrTable(), parameters.ToAttributorOptions());
        _tick = parameters.TickInterval;
        _metrics = metrics;
    }

    public override TimeSpan? TimerInterval => _tick;

    internal FlowAttributor Attributor => _attributor;

    /// <summary>Flows held until the ownership history has arrived.</summary>
    internal int Held => _held?.Count ?? 0;

    public override void OnRecord(FlowEnricherInput record, Emitter<EnrichedFlow> output)
    {
        if (record.IsFlow)
        {
            if (_catchUp is not null && !ReleaseIfCaughtUp(output))
            {
                (_held ??= []).Add(record.Flow);
                return;
            }

            _sink.Target = output;
            _attributor.Add(MemoryMarshal.CreateReadOnlySpan(in record.Flow, 1), Context.Time.GetUtcNow(), _sink);
            return;
        }

        _eventsSeen++;
        ref readonly var e = ref record.Event;
        if (string.IsNullOrEmpty(e.Workload) || e.Change is not (OwnershipChange.Assigned or OwnershipChange.Unassigned) || e.TimestampUnixMs < 0)
        {
            // A malformed event is counted and dropped alone; it must not stop attribution of good flows.
            _invalidEvents++;
            Context.Metrics.AddDropped(1);
            return;
        }

        _attributor.Apply(e);
        if (_catchUp is not null)
        {
            ReleaseIfCaughtUp(output);
        }
    }

    public override void OnTimer(DateTimeOffset now, Emitter<EnrichedFlow> output)
    {
        if (_catchUp is not null)
        {
            ReleaseIfCaughtUp(output);
        }

        _sink.Target = output;
        _attributor.DrainDue(now, _sink);
        Report();
    }

    public override void OnUpstreamFinish(Emitter<EnrichedFlow> output)
    {
        _sink.Target = output;
        if (_held is { Count: > 0 })
        {
            // Stopping before the history arrived: attribute with what is known rather than lose the flows.
            _attributor.Add(CollectionsMarshal.AsSpan(_held), Context.Time.GetUtcNow(), _sink);
            _held.Clear();
        }

        _attributor.DrainDue(Context.Time.GetUtcNow(), _sink);
        _attributor.DrainAll(_sink);
        Report();
    }

    /// <summary>Once caught up, takes the held flows and forgets the gate; true when flows may go straight in.</summary>
    private bool ReleaseIfCaughtUp(Emitter<EnrichedFlow> output)
    {
        if (!_catchUp!.IsCaughtUp(_eventsSeen))
        {
            return false;
        }

        _catchUp = null;
        if (_held is { Count: > 0 })
        {
            _sink.Target = output;
            _attributor.Add(CollectionsMarshal.AsSpan(_held), Context.Time.GetUtcNow(), _sink);
        }

        _held = null;
        return true;
    }

    private void Report()
    {
        _metrics.Report(AttributorTotals.Of(_attributor, _invalidEvents), ref _reported);
        long held = Held;
        if (held != _reportedHeld)
        {
            _metrics.ReportHeld(held - _reportedHeld);
            _reportedHeld = held;
        }
    }
}
