using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher;

/// <summary>
/// Attributes both ends of each flow to the owner of each IP at the flow's start. A flow whose owner is not known
/// (yet) waits, bounded in time and count, and is then emitted with unknown ends rather than a guess: a
/// misattribution is worse than a gap. Call <see cref="Add"/> per batch and <see cref="DrainDue"/> on a timer or after
/// each batch. Not thread-safe: one attributor per partition.
/// </summary>
public sealed class FlowAttributor
{
    private readonly IpOwnershipTable _table;
    private readonly CidrTable? _cidr;
    private readonly long _maxWaitMs;
    private readonly long _latenessMs;
    private readonly long _recheckMs;
    private readonly long _expireMs;
    private readonly int _maxWaiting;
    private readonly FlowWaitList _waiting = new();
    private long _lastNowMs = long.MinValue;
    private long _checkedAtMs = long.MinValue;
    private long _expiredAtMs = long.MinValue;

    /// <summary>Creates an attributor over <paramref name="ownership"/> with an optional CIDR fallback.</summary>
    /// <exception cref="ArgumentException">The event lateness bound exceeds the wait bound.</exception>
    public FlowAttributor(IpOwnershipTable ownership, CidrTable? cidr = null, FlowAttributorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ownership);
        options ??= new FlowAttributorOptions();
        if (options.MaxEventLateness > options.MaxWait || options.MaxWaiting < 1)
        {
            throw new ArgumentException("MaxEventLateness must not exceed MaxWait, and MaxWaiting must be positive.", nameof(options));
        }

        _table = ownership;
        _cidr = cidr;
        _maxWaitMs = (long)options.MaxWait.TotalMilliseconds;
        _latenessMs = (long)options.MaxEventLateness.TotalMilliseconds;
        _recheckMs = (long)options.RecheckInterval.TotalMilliseconds;
        _expireMs = (long)options.ExpireInterval.TotalMilliseconds;
        _maxWaiting = options.MaxWaiting;
    }

    /// <summary>The ownership table this attributor reads and feeds with heartbeats.</summary>
    public IpOwnershipTable Ownership => _table;

    /// <summary>Flows emitted with both ends attributed.</summary>
    public long Attributed { get; private set; }

    /// <summary>Flows emitted with at least one end unknown.</summary>
    public long Unattributed { get; private set; }

    /// <summary>Flows that waited before they were emitted (attributed or not).</summary>
    public long Late { get; private set; }

    /// <summary>Waits ended early because <see cref="FlowAttributorOptions.MaxWaiting"/> was reached.</summary>
    public long EvictedEarly { get; private set; }

    /// <summary>Flows waiting now.</summary>
    public int Waiting => _waiting.Count;

    /// <summary>Applies an ownership event; waiting flows it resolves are emitted by the next drain.</summary>
    public void Apply(in OwnershipEvent ownershipEvent) => _table.Apply(ownershipEvent);

    /// <summary>
    /// Takes a batch that arrived at <paramref name="now"/>: flows with a known local identity first teach the table
    /// (heartbeats), then every flow is emitted at once if both ends resolve, else it waits.
    /// </summary>
    public void Add(ReadOnlySpan<FlowRecord> flows, DateTimeOffset now, IEnrichedFlowSink output)
    {
        ArgumentNullException.ThrowIfNull(output);
        long nowMs = Advance(now);
        foreach (ref readonly var flow in flows)
        {
            if (flow.LocalWorkload is { } identity)
            {
                _table.RecordHeartbeat(flow.LocalIp, identity, flow.StartUnixMs, flow.EndUnixMs);
            }
        }

        long settled = nowMs - _latenessMs;
        foreach (ref readonly var flow in flows)
        {
            if (TryResolve(flow, settled, out var enriched))
            {
                Emit(enriched, output);
            }
            else
            {
                Enqueue(flow, nowMs, settled, output);
            }
        }
    }

    /// <summary>Emits waiting flows that became attributable and, unattributed if need be, those whose wait ended.</summary>
    public void DrainDue(DateTimeOffset now, IEnrichedFlowSink output)
    {
        ArgumentNullException.ThrowIfNull(output);
        long nowMs = Advance(now);
        long settled = nowMs - _latenessMs;
        // Deadlines follow arrival order, so the oldest waiting flow is always the next due.
        while (_waiting.TryPeekOldest(out int oldest, out long deadlineMs) && deadlineMs <= nowMs)
        {
            EmitFinal(oldest, settled, output);
        }

        // Re-checks run on a fixed cadence; each looks only at flows that settled or whose blocking history changed.
        if (_waiting.Count > 0 && (_checkedAtMs == long.MinValue || nowMs - _checkedAtMs >= _recheckMs))
        {
            Recheck(nowMs, settled, output);
            _checkedAtMs = nowMs;
        }

        if (_expiredAtMs == long.MinValue || nowMs - _expiredAtMs >= _expireMs)
        {
            _table.Expire(nowMs);
            _expiredAtMs = nowMs;
        }
    }

    /// <summary>Ends every wait (shutdown): each flow is attributed as far as evidence allows, else emitted unknown.</summary>
    public void DrainAll(IEnrichedFlowSink output)
    {
        ArgumentNullException.ThrowIfNull(output);
        long settled = _lastNowMs == long.MinValue ? long.MinValue : _lastNowMs - _latenessMs;
        while (_waiting.TryPeekOldest(out int oldest, out _))
        {
            EmitFinal(oldest, settled, output);
        }
    }

    private long Advance(DateTimeOffset now)
    {
        // The clock never runs backwards for us, so deadlines stay in arrival order.
        _lastNowMs = Math.Max(_lastNowMs, now.ToUnixTimeMilliseconds());
        return _lastNowMs;
    }

    private bool TryResolve(in FlowRecord flow, long settled, out EnrichedFlow enriched)
    {
        enriched = default;
        if (!TryResolveEnd(flow.LocalIp, flow.StartUnixMs, settled, flow.LocalWorkload, final: false, out var localApp, out var localSource, out _) ||
            !TryResolveEnd(flow.RemoteIp, flow.StartUnixMs, settled, null, final: false, out var remoteApp, out var remoteSource, out _))
        {
            return false;
        }

        enriched = new EnrichedFlow(flow, localApp, remoteApp, localSource, remoteSource, false);
        return true;
    }

    /// <summary>
    /// Checks a waiting flow, resolving only the ends still open and remembering the local end once resolved. On
    /// failure the history of the blocking end and its stamp are kept: after its start settled, the answer can change
    /// only when that history does.
    /// </summary>
    private bool TryResolveWaiting(ref WaitingFlow waiting, long settled, bool final, out EnrichedFlow enriched)
    {
        enriched = default;
        if (waiting.Predicted)
        {
            // A prediction is not an answer: a real check starts from scratch.
            waiting.Predicted = false;
            (waiting.LocalApp, waiting.LocalSource) = (null, AttributionSource.Unknown);
        }

        ref readonly var flow = ref waiting.Flow;
        IpHistory? history;
        if (waiting.LocalSource == AttributionSource.Unknown)
        {
            if (!TryResolveEnd(flow.LocalIp, flow.StartUnixMs, settled, flow.LocalWorkload, final, out var app, out var source, out history))
            {
                Block(ref waiting, history);
                return false;
            }

            (waiting.LocalApp, waiting.LocalSource) = (app, source);
        }

        if (!TryResolveEnd(flow.RemoteIp, flow.StartUnixMs, settled, null, final, out var remoteApp, out var remoteSource, out history))
        {
            Block(ref waiting, history);
            return false;
        }

        enriched = new EnrichedFlow(flow, waiting.LocalApp, remoteApp, waiting.LocalSource, remoteSource, true);
        return true;
    }

    private void Block(ref WaitingFlow waiting, IpHistory? history)
    {
        waiting.BlockedBy = history;
        waiting.BlockedStamp = history?.Stamp ?? 0;
        waiting.HistoriesAtCheck = _table.HistoriesCreated;
    }

    /// <summary>True when the end that blocked the last check may answer differently now.</summary>
    private bool MayHaveChanged(in WaitingFlow waiting) =>
        waiting.BlockedBy is { } history
            ? history.Stamp != waiting.BlockedStamp
            : _table.HistoriesCreated != waiting.HistoriesAtCheck;

    private bool TryResolveEnd(
        in IpAddress ip, long time, long settled, string? identity, bool final, out string? app, out AttributionSource source, out IpHistory? history)
    {
        history = null;
        if (identity is not null)
        {
            (app, source) = (identity, AttributionSource.Heartbeat);
            return true;
        }

        var owner = _table.LookupWithHistory(ip, time, settled, out history);
        if (owner.Status == OwnerLookupStatus.Owned)
        {
            app = owner.Workload;
            source = owner.Evidence == OwnershipEvidence.Event ? AttributionSource.Range : AttributionSource.Heartbeat;
            return true;
        }

        if (_cidr is not null && _cidr.TryMatch(ip, out var block) && (block.Authoritative || final))
        {
            (app, source) = (block.Owner, AttributionSource.Cidr);
            return true;
        }

        (app, source) = (null, AttributionSource.Unknown);
        return final;
    }

    private void Emit(in EnrichedFlow flow, IEnrichedFlowSink output)
    {
        if (flow.LocalApp is not null && flow.RemoteApp is not null)
        {
            Attributed++;
        }
        else
        {
            Unattributed++;
        }

        if (flow.Waited)
        {
            Late++;
        }

        output.Accept(flow);
    }

    private void EmitFinal(int slot, long settled, IEnrichedFlowSink output)
    {
        TryResolveWaiting(ref _waiting[slot], settled, final: true, out var enriched);
        _waiting.Remove(slot);
        Emit(enriched, output);
    }

    private void Enqueue(in FlowRecord flow, long nowMs, long settled, IEnrichedFlowSink output)
    {
        if (_waiting.Count == _maxWaiting)
        {
            EvictedEarly++;
            _waiting.TryPeekOldest(out int oldest, out _);
            EmitFinal(oldest, _lastNowMs - _latenessMs, output);
        }

        long settlesAtMs = flow.StartUnixMs + _latenessMs;
        int slot = _waiting.Add(flow, nowMs + _maxWaitMs, settlesAtMs);
        if (settlesAtMs <= nowMs)
        {
            // Already settled when it arrived: this failed check counts as the first; park until its history changes.
            TryResolveWaiting(ref _waiting[slot], settled, final: false, out _);
            _waiting.Park(slot);
        }
        else
        {
            Predict(ref _waiting[slot]);
            _waiting.Settle(slot);
        }
    }

    /// <summary>
    /// Resolves both ends as they will stand once the start settles, given today's evidence. The histories are hot
    /// now; at settle time an unchanged stamp then replaces two table lookups.
    /// </summary>
    private void Predict(ref WaitingFlow waiting)
    {
        ref readonly var flow = ref waiting.Flow;
        TryResolveEnd(flow.LocalIp, flow.StartUnixMs, long.MaxValue, flow.LocalWorkload, final: false, out waiting.LocalApp, out waiting.LocalSource, out waiting.LocalFrom);
        TryResolveEnd(flow.RemoteIp, flow.StartUnixMs, long.MaxValue, null, final: false, out waiting.RemoteApp, out waiting.RemoteSource, out waiting.RemoteFrom);
        waiting.LocalFromStamp = waiting.LocalFrom?.Stamp ?? 0;
        waiting.RemoteFromStamp = waiting.RemoteFrom?.Stamp ?? 0;
        waiting.HistoriesAtCheck = _table.HistoriesCreated;
        waiting.Predicted = true;
    }

    /// <summary>
    /// Once the start settled, a lookup no longer depends on the settle horizon, only on the history: if neither
    /// end's history changed since the prediction, the prediction is the answer.
    /// </summary>
    private bool PredictionHolds(in WaitingFlow waiting) =>
        waiting.Predicted &&
        (waiting.Flow.LocalWorkload is not null || Unchanged(waiting.LocalFrom, waiting.LocalFromStamp, waiting.HistoriesAtCheck)) &&
        Unchanged(waiting.RemoteFrom, waiting.RemoteFromStamp, waiting.HistoriesAtCheck);

    private bool Unchanged(IpHistory? history, long stamp, long historiesAtCheck) =>
        history is null ? _table.HistoriesCreated == historiesAtCheck : history.Stamp == stamp;

    /// <summary>The first check of a flow whose start just settled; true when it resolved (and was emitted).</summary>
    private bool CheckSettled(int slot, long settled, IEnrichedFlowSink output)
    {
        ref var waiting = ref _waiting[slot];
        if (!PredictionHolds(waiting))
        {
            if (!TryResolveWaiting(ref waiting, settled, final: false, out var enriched))
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
            Block(ref waiting, waiting.LocalSource == AttributionSource.Unknown ? waiting.LocalFrom : waiting.RemoteFrom);
            return false;
        }

        var resolved = new EnrichedFlow(waiting.Flow, waiting.LocalApp, waiting.RemoteApp, waiting.LocalSource, waiting.RemoteSource, true);
        _waiting.Remove(slot);
        Emit(resolved, output);
        return true;
    }

    private void Recheck(long nowMs, long settled, IEnrichedFlowSink output)
    {
        // Each flow is checked once when its start settles (before that only a heartbeat could resolve it, and waiting
        // for the settle keeps checks to about one per flow) ...
        while (_waiting.TryTakeSettled(nowMs, out int slot))
        {
            if (!CheckSettled(slot, settled, output))
            {
                _waiting.Park(slot);
            }
        }

        // ... and afterwards only when the history that blocked it changed.
        bool removed = false;
        foreach (var entry in _waiting.Parked)
        {
            if (!_waiting.IsParked(entry))
            {
                removed = true;
                continue;
            }

            ref var waiting = ref _waiting[entry.Slot];
            if (MayHaveChanged(waiting) && TryResolveWaiting(ref waiting, settled, final: false, out var enriched))
            {
                _waiting.Remove(entry.Slot);
                Emit(enriched, output);
                removed = true;
            }
        }

        if (removed)
        {
            _waiting.CompactParked();
        }
    }
}
