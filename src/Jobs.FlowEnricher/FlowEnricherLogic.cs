using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using StreamJobs.Acknowledgement;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher;

/// <summary>
/// The attributor as a stream stage. Ownership events and flows arrive merged in one input, so the single-threaded
/// attributor applies them in arrival order. Flows that resolve are emitted at once; waiting ones on the timer, and
/// every wait ends (attributed as far as evidence allows, else unknown) when upstream finishes. With an
/// <see cref="IOwnershipCatchUp"/>, flows are held (not attributed) until the ownership input has delivered the
/// shared history, then taken in arrival order. With a <see cref="ReceiptHandoff"/>, the flows of a revoked partition
/// that are held or waiting, and those still on their way, are released rather than emitted: the partition's next
/// owner replays and emits them, so no flow lands in two replicas' windows. Run as shards, each shard gets its share of
/// the flows and every ownership event; only the shard that <c>countsOwnership</c> reports the events' counters.
/// </summary>
internal sealed class FlowEnricherLogic : StageLogic<FlowEnricherInput, EnrichedFlow>
{
    private static readonly TimeSpan HeldWarning = TimeSpan.FromMinutes(1);

    private readonly FlowAttributor _attributor;
    private readonly TimeSpan _tick;
    private readonly FlowEnricherMetrics _metrics;
    private readonly EmitterFlowSink _sink = new();
    private readonly ReceiptHandoffWatch? _handoff;
    private readonly Func<Receipt, bool> _isRevoked;
    private readonly bool _countsOwnership;
    private IOwnershipCatchUp? _catchUp;
    private List<FlowRecord>? _held;
    private AttributorTotals _reported;
    private long _invalidEvents;
    private long _eventsSeen;
    private long _reportedHeld;
    private long _handedOff;
    private DateTimeOffset? _heldSince;
    private DateTimeOffset? _lastHeldWarning;
    private DateTimeOffset _batchNow;
    private bool _drainDue;

    public FlowEnricherLogic(
        FlowEnricherParameters parameters, FlowEnricherMetrics metrics, IOwnershipCatchUp? catchUp = null, ReceiptHandoff? handoff = null,
        int shards = 1, bool countsOwnership = true)
    {
        _countsOwnership = countsOwnership;
        _catchUp = catchUp;
        _handoff = handoff is null ? null : new ReceiptHandoffWatch(handoff);
        _isRevoked = receipt => _handoff!.IsRevoked(receipt);
        _attributor = new FlowAttributor(new IpOwnershipTable(parameters.ToTableOptions()), parameters.ToCidrTable(), parameters.ToAttributorOptions(shards));
        _tick = parameters.TickInterval;
        _metrics = metrics;
    }

    public override TimeSpan? TimerInterval => _tick;

    internal FlowAttributor Attributor => _attributor;

    /// <summary>Flows held until the ownership history has arrived.</summary>
    internal int Held => _held?.Count ?? 0;

    /// <summary>Flows released unemitted because their partition was revoked.</summary>
    internal long HandedOff => _handedOff;

    /// <summary>The clock is read once per batch: every flow of a batch arrived at the same moment for the attributor.</summary>
    public override void OnBatchStart(int count)
    {
        _batchNow = Context.Time.GetUtcNow();
        _drainDue = true;
    }

    public override void OnRecord(FlowEnricherInput record, Emitter<EnrichedFlow> output)
    {
        DrainIfDue(output);
        Take(in record, output);
    }

    /// <summary>
    /// The engine's path: the batch's records are read in place, not copied per call (an input is ~120 B). Flows go to
    /// the attributor one by one, so each is supervised alone; the next flow's index slots are prefetched meanwhile, as
    /// the attributor does within a batch handed to it whole (each end is a likely cache miss).
    /// </summary>
    public override void OnRecords(ref RecordCursor<FlowEnricherInput> records, Emitter<EnrichedFlow> output)
    {
        DrainIfDue(output);
        while (records.MoveNext())
        {
            var upcoming = records.Upcoming;
            if (!upcoming.IsEmpty && upcoming[0].IsFlow)
            {
                _attributor.Prefetch(upcoming[0].Flow);
            }

            Take(in records.Current, output);
        }
    }

    /// <summary>
    /// Waits also end on the data path, once per batch: a busy stage gets its timer late (the engine runs many batches
    /// before it looks at the tick), and waiting flows would pile up until then.
    /// </summary>
    private void DrainIfDue(Emitter<EnrichedFlow> output)
    {
        if (!_drainDue)
        {
            return;
        }

        _drainDue = false;
        _sink.Target = output;
        _attributor.DrainDue(_batchNow, _sink);
    }

    private void Take(in FlowEnricherInput record, Emitter<EnrichedFlow> output)
    {
        if (record.IsFlow)
        {
            if (_handoff is not null)
            {
                CatchUpWithHandoff();
                if (_handoff.IsRevoked(record.Flow.Receipt))
                {
                    record.Flow.Receipt.Release();
                    _handedOff++;
                    return;
                }
            }

            if (_catchUp is not null && !ReleaseIfCaughtUp(output))
            {
                (_held ??= []).Add(record.Flow);
                return;
            }

            _sink.Target = output;
            _attributor.Add(MemoryMarshal.CreateReadOnlySpan(in record.Flow, 1), _batchNow, _sink);
            return;
        }

        _eventsSeen++;
        var e = record.Event;
        if (string.IsNullOrEmpty(e.Workload) || e.Change is not (OwnershipChange.Assigned or OwnershipChange.Unassigned) || e.TimestampUnixMs < 0)
        {
            // A malformed event is counted and dropped alone; it must not stop attribution of good flows.
            _invalidEvents++;
            if (_countsOwnership) Context.Metrics.AddDropped(1);
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
        if (_handoff is not null)
        {
            CatchUpWithHandoff();
        }

        if (_catchUp is not null)
        {
            ReleaseIfCaughtUp(output);
            WarnIfHeldLong(now);
        }

        _sink.Target = output;
        _attributor.DrainDue(now, _sink);
        Report();
    }

    public override void OnUpstreamFinish(Emitter<EnrichedFlow> output)
    {
        if (_handoff is not null)
        {
            CatchUpWithHandoff();
        }

        _sink.Target = output;
        if (_held is { Count: > 0 })
        {
            // Stopping before the history arrived. Flows from a replayable source are released, not attributed on part
            // of the history (that answer would be committed): the next owner replays them after its own catch-up.
            // Flows that cannot be replayed (in-process ingest) are attributed with what is known rather than lost.
            _handedOff += _held.RemoveAll(ReleaseIfReplayable);
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
        if (_handoff is not null)
        {
            // Held flows may belong to a partition revoked since the last flow or tick: release those first.
            CatchUpWithHandoff();
        }

        if (_held is { Count: > 0 })
        {
            _sink.Target = output;
            _attributor.Add(CollectionsMarshal.AsSpan(_held), Context.Time.GetUtcNow(), _sink);
        }

        _held = null;
        return true;
    }

    /// <summary>Releases the held and waiting flows a new revocation covers.</summary>
    private void CatchUpWithHandoff()
    {
        if (!_handoff!.Changed())
        {
            return;
        }

        int released = _attributor.ReleaseWaitingWhere(_isRevoked);
        if (_held is { Count: > 0 })
        {
            released += _held.RemoveAll(ReleaseIfRevoked);
        }

        _handedOff += released;
        if (released > 0)
        {
            Context.Logger.LogInformation("Released {Flows} held or waiting flows of revoked partitions; their next owner replays them", released);
        }
    }

    private bool ReleaseIfRevoked(FlowRecord flow)
    {
        if (!_handoff!.IsRevoked(flow.Receipt))
        {
            return false;
        }

        flow.Receipt.Release();
        return true;
    }

    private static bool ReleaseIfReplayable(FlowRecord flow)
    {
        if (flow.Receipt.IsNone)
        {
            return false;
        }

        flow.Receipt.Release();
        return true;
    }

    /// <summary>Says so, once a minute, while flows wait for an ownership history that does not come.</summary>
    private void WarnIfHeldLong(DateTimeOffset now)
    {
        if (_held is not { Count: > 0 })
        {
            _heldSince = null;
            return;
        }

        _heldSince ??= now;
        if (now - _heldSince.Value < HeldWarning || (_lastHeldWarning is { } last && now - last < HeldWarning))
        {
            return;
        }

        _lastHeldWarning = now;
        Context.Logger.LogWarning(
            "{Flows} flows held for {Seconds:F0} s waiting for the ownership history ({Events} ownership events seen); is the ownership topic reader running?",
            _held.Count, (now - _heldSince.Value).TotalSeconds, _eventsSeen);
    }

    private void Report()
    {
        _metrics.Report(AttributorTotals.Of(_attributor, _invalidEvents, _handedOff, _countsOwnership), ref _reported);
        long held = Held;
        if (held != _reportedHeld)
        {
            _metrics.ReportHeld(held - _reportedHeld);
            _reportedHeld = held;
        }
    }
}
