using StreamJobs.Acknowledgement;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher;

/// <summary>The waiting side of <see cref="FlowAttributor"/>: enqueueing, predictions, re-checks.</summary>
public sealed partial class FlowAttributor
{
    /// <summary>
    /// Ends the wait of every flow whose receipt <paramref name="handedOff"/> accepts without emitting it: its receipt
    /// is released (another reader replays the flow) and it counts in none of the emitted outcomes. Returns how many.
    /// Walks every waiting flow: call it when a partition leaves, not per flow.
    /// </summary>
    internal int ReleaseWaitingWhere(Func<Receipt, bool> handedOff)
    {
        ArgumentNullException.ThrowIfNull(handedOff);
        return _waiting.Count == 0 ? 0 : _waiting.RemoveWhere(flow =>
        {
            if (!handedOff(flow.Receipt))
            {
                return false;
            }

            flow.Receipt.Release();
            return true;
        });
    }

    /// <summary>
    /// Checks a waiting flow, resolving only the ends still open and remembering the local end once resolved. On
    /// failure the history of the blocking end and its stamp are kept: after its start settled, the answer can change
    /// only when that history does.
    /// </summary>
    private bool TryResolveWaiting(int slot, long settled, bool final, out EnrichedFlow enriched)
    {
        enriched = default;
        ref var waiting = ref _waiting[slot];
        if (waiting.Predicted)
        {
            // A prediction is not an answer: a real check starts from scratch.
            waiting.Predicted = false;
            (waiting.LocalApp, waiting.LocalSource) = (null, AttributionSource.Unknown);
        }

        ref readonly var flow = ref _waiting.FlowAt(slot);
        EndLookup end;
        if (waiting.LocalSource == AttributionSource.Unknown)
        {
            if (!TryResolveEnd(flow.LocalIp, flow.StartUnixMs, settled, flow.LocalWorkload, final, out var app, out var source, out end))
            {
                Block(ref waiting, end, local: true);
                return false;
            }

            (waiting.LocalApp, waiting.LocalSource) = (app, source);
        }

        if (!TryResolveEnd(flow.RemoteIp, flow.StartUnixMs, settled, null, final, out var remoteApp, out var remoteSource, out end))
        {
            Block(ref waiting, end, local: false);
            return false;
        }

        enriched = new EnrichedFlow(flow, waiting.LocalApp, remoteApp, waiting.LocalSource, remoteSource, true);
        return true;
    }

    private static void Block(ref WaitingFlow waiting, in EndLookup end, bool local) => Block(ref waiting, end.History, end.Stamp, local);

    private static void Block(ref WaitingFlow waiting, int history, long stamp, bool local)
    {
        waiting.BlockedBy = history;
        waiting.BlockedLocal = local;
        waiting.BlockedStamp = stamp;
    }

    /// <summary>True when the end that blocked the last check may answer differently now.</summary>
    private bool MayHaveChanged(int slot)
    {
        ref readonly var waiting = ref _waiting[slot];
        return !Unchanged(waiting.BlockedBy, waiting.BlockedStamp, BlockingIp(slot, waiting));
    }

    private IpAddress BlockingIp(int slot, in WaitingFlow waiting) =>
        waiting.BlockedLocal ? _waiting.FlowAt(slot).LocalIp : _waiting.FlowAt(slot).RemoteIp;

    /// <summary>The history's stamp (one element of a flat array), or for an untracked IP the stamp of history creation for IPs like it.</summary>
    private long StampOf(int history, in IpAddress ip) => history >= 0 ? _table.StampOf(history) : _table.CreatedStamp(ip);

    private bool Unchanged(int history, long stamp, in IpAddress ip) => StampOf(history, ip) == stamp;

    private void EmitFinal(int slot, long settled, IEnrichedFlowSink output)
    {
        TryResolveWaiting(slot, settled, final: true, out var enriched);
        _waiting.Remove(slot);
        Emit(enriched, output);
    }

    /// <summary>Takes a slot for a flow that must wait, first ending the oldest wait when the count bound is reached.</summary>
    private int Enqueue(in FlowRecord flow, long nowMs, IEnrichedFlowSink output)
    {
        if (_waiting.Count == _maxWaiting)
        {
            EvictedEarly++;
            _waiting.TryPeekOldest(out int oldest, out _);
            EmitFinal(oldest, _lastNowMs - _latenessMs, output);
        }

        return _waiting.Add(flow, nowMs + _maxWaitMs);
    }

    /// <summary>
    /// Resolves both ends as they will stand once the start settles, given today's evidence (from the arrival lookups,
    /// which answered for both horizons). At settle time an unchanged stamp then replaces two table lookups.
    /// </summary>
    private void Predict(ref WaitingFlow waiting, in FlowRecord flow, in EndLookup local, in EndLookup remote)
    {
        (waiting.LocalApp, waiting.LocalSource) = PredictEnd(flow.LocalIp, local);
        (waiting.RemoteApp, waiting.RemoteSource) = PredictEnd(flow.RemoteIp, remote);
        (waiting.LocalFrom, waiting.RemoteFrom) = (local.History, remote.History);
        (waiting.LocalFromStamp, waiting.RemoteFromStamp) = (local.Stamp, remote.Stamp);
        waiting.Predicted = true;
    }

    /// <summary>An end as <see cref="TryResolveEnd"/> will see it once settled.</summary>
    private (string? App, AttributionSource Source) PredictEnd(in IpAddress ip, in EndLookup end)
    {
        var owner = end.WhenSettled;
        if (owner.Status == OwnerLookupStatus.Owned)
        {
            return (owner.Workload, end.Identity || owner.Evidence != OwnershipEvidence.Event ? AttributionSource.Heartbeat : AttributionSource.Range);
        }

        return _cidr is not null && _cidr.TryMatch(ip, out var block) && block.Authoritative
            ? (block.Owner, AttributionSource.Cidr)
            : (null, AttributionSource.Unknown);
    }

    /// <summary>
    /// Once the start settled, a lookup no longer depends on the settle horizon, only on the history: if neither
    /// end's history changed since the prediction, the prediction is the answer.
    /// </summary>
    private bool PredictionHolds(in WaitingFlow waiting, in FlowRecord flow) =>
        waiting.Predicted &&
        (flow.LocalWorkload is not null || Unchanged(waiting.LocalFrom, waiting.LocalFromStamp, flow.LocalIp)) &&
        Unchanged(waiting.RemoteFrom, waiting.RemoteFromStamp, flow.RemoteIp);

    /// <summary>The first check of a flow whose start just settled; true when it resolved (and was emitted).</summary>
    private bool CheckSettled(int slot, long settled, IEnrichedFlowSink output)
    {
        ref var waiting = ref _waiting[slot];
        if (!PredictionHolds(waiting, _waiting.FlowAt(slot)))
        {
            if (!TryResolveWaiting(slot, settled, final: false, out var enriched))
            {
                return false;
            }

            _waiting.Remove(slot);
            Emit(enriched, output);
            return true;
        }

        waiting.Predicted = false;
        if (waiting.LocalSource == AttributionSource.Unknown || waiting.RemoteSource == AttributionSource.Unknown)
        {
            bool local = waiting.LocalSource == AttributionSource.Unknown;
            Block(ref waiting, local ? waiting.LocalFrom : waiting.RemoteFrom, local ? waiting.LocalFromStamp : waiting.RemoteFromStamp, local);
            return false;
        }

        var resolved = new EnrichedFlow(_waiting.FlowAt(slot), waiting.LocalApp, waiting.RemoteApp, waiting.LocalSource, waiting.RemoteSource, true);
        _waiting.Remove(slot);
        Emit(resolved, output);
        return true;
    }

    private void Recheck(long nowMs, long settled, IEnrichedFlowSink output)
    {
        // Parked flows are looked at again only when the history that blocked them changed (or, for an untracked IP,
        // when a history was created in its bucket) ...
        if (_changes.AllChanged)
        {
            _waiting.WakeAll(_woken);
        }
        else
        {
            foreach (int history in _changes.Histories)
            {
                _waiting.Wake(history, _woken);
            }

            foreach (int bucket in _changes.Buckets)
            {
                _waiting.WakeBucket(bucket, _woken);
            }
        }

        _changes.Clear();
        foreach (int slot in _woken)
        {
            if (MayHaveChanged(slot) && TryResolveWaiting(slot, settled, final: false, out var enriched))
            {
                _waiting.Remove(slot);
                Emit(enriched, output);
            }
            else
            {
                Park(slot);
            }
        }

        _woken.Clear();

        // ... and each other flow once when its start settles (before that only a heartbeat could resolve it, and
        // waiting for the settle keeps checks to about one per flow).
        while (_waiting.TryTakeSettled(nowMs, out int slot))
        {
            _waiting.PrefetchNextSettled();
            if (!CheckSettled(slot, settled, output))
            {
                Park(slot);
            }
        }
    }

    /// <summary>Parks a blocked slot on the history (or creation bucket) of the end that blocked it.</summary>
    private void Park(int slot)
    {
        ref readonly var waiting = ref _waiting[slot];
        _waiting.Park(slot, waiting.BlockedBy, IpOwnershipTable.CreatedBucket(BlockingIp(slot, waiting)));
    }
}
