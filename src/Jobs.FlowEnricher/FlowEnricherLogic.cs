using System.Runtime.InteropServices;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher;

/// <summary>
/// The attributor as a stream stage. Ownership events and flows arrive merged in one input, so the single-threaded
/// attributor applies them in arrival order. Flows that resolve are emitted at once; waiting ones on the timer, and
/// every wait ends (attributed as far as evidence allows, else unknown) when upstream finishes.
/// </summary>
internal sealed class FlowEnricherLogic : StageLogic<FlowEnricherInput, EnrichedFlow>
{
    private readonly FlowAttributor _attributor;
    private readonly TimeSpan _tick;
    private readonly FlowEnricherMetrics _metrics;
    private readonly EmitterFlowSink _sink = new();
    private AttributorTotals _reported;
    private long _invalidEvents;

    public FlowEnricherLogic(FlowEnricherParameters parameters, FlowEnricherMetrics metrics)
    {
        _attributor = new FlowAttributor(new IpOwnershipTable(parameters.ToTableOptions()), parameters.ToCidrTable(), parameters.ToAttributorOptions());
        _tick = parameters.TickInterval;
        _metrics = metrics;
    }

    public override TimeSpan? TimerInterval => _tick;

    internal FlowAttributor Attributor => _attributor;

    public override void OnRecord(FlowEnricherInput record, Emitter<EnrichedFlow> output)
    {
        if (record.IsFlow)
        {
            _sink.Target = output;
            _attributor.Add(MemoryMarshal.CreateReadOnlySpan(in record.Flow, 1), Context.Time.GetUtcNow(), _sink);
            return;
        }

        ref readonly var e = ref record.Event;
        if (string.IsNullOrEmpty(e.Workload) || e.Change is not (OwnershipChange.Assigned or OwnershipChange.Unassigned) || e.TimestampUnixMs < 0)
        {
            // A malformed event is counted and dropped alone; it must not stop attribution of good flows.
            _invalidEvents++;
            Context.Metrics.AddDropped(1);
            return;
        }

        _attributor.Apply(e);
    }

    public override void OnTimer(DateTimeOffset now, Emitter<EnrichedFlow> output)
    {
        _sink.Target = output;
        _attributor.DrainDue(now, _sink);
        Report();
    }

    public override void OnUpstreamFinish(Emitter<EnrichedFlow> output)
    {
        _sink.Target = output;
        _attributor.DrainDue(Context.Time.GetUtcNow(), _sink);
        _attributor.DrainAll(_sink);
        Report();
    }

    private void Report() => _metrics.Report(AttributorTotals.Of(_attributor, _invalidEvents), ref _reported);
}
