using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher;

/// <summary>
/// Attributes both ends of each flow to the owner of each IP at the flow's start. A flow whose owner is not known
/// (yet) waits, bounded in time and count, and is then emitted with unknown ends rather than a guess: a
/// misattribution is worse than a gap. Call <see cref="Add"/> per batch and <see cref="DrainDue"/> on a timer or after
/// each batch. Not thread-safe: one attributor per partition.
/// </summary>
public sealed partial class FlowAttributor
{
    private readonly IpOwnershipTable _table;
    private readonly CidrTable? _cidr;
    private readonly long _maxWaitMs;
    private readonly long _latenessMs;
    private readonly long _recheckMs;
    private readonly long _expireMs;
    private readonly int _maxWaiting;
    private readonly FlowWaitList _waiting = new(IpOwnershipTable.CreatedBuckets);
    private readonly OwnershipChanges _changes;
    private readonly List<int> _woken = [];
    private long _lastNowMs = long.MinValue;
    private long _checkedAtMs = long.MinValue;
    private long _expiredAtMs = long.MinValue;

    /// <summary>Creates an attributor over <paramref name="ownership"/> (its own table) with an optional CIDR fallback.</summary>
    /// <exception cref="ArgumentException">The event lateness bound exceeds the wait bound.</exception>
    /// <exception cref="InvalidOperationException">Another attributor already uses <paramref name="ownership"/>.</exception>
    public FlowAttributor(IpOwnershipTable ownership, CidrTable? cidr = null, FlowAttributorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ownership);
        options ??= new FlowAttributorOptions();
        if (options.MaxEventLateness > options.MaxWait || options.MaxWaiting < 1)
        {
            throw new ArgumentException("MaxEventLateness must not exceed MaxWait, and MaxWaiting must be positive.", nameof(options));
        }

        _table = ownership;
        _changes = ownership.WatchChanges();
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
        for (int i = 0; i < flows.Length; i++)
        {
            ref readonly var flow = ref flows[i];
            if (i + 1 < flows.Length)
            {
                // The next flow's index slots load while this one is looked up: each end is a likely cache miss.
                Prefetch(flows[i + 1]);
            }

            // Both ends are looked up even when the first fails: a waiting flow needs both answers below.
            var localEnd = LookUpEnd(flow.LocalIp, flow.StartUnixMs, settled, flow.LocalWorkload);
            var remoteEnd = LookUpEnd(flow.RemoteIp, flow.StartUnixMs, settled, null);
            bool local = Decide(localEnd, flow.LocalIp, final: false, out var localApp, out var localSource);
            bool remote = Decide(remoteEnd, flow.RemoteIp, final: false, out var remoteApp, out var remoteSource);
            if (local && remote)
            {
                Emit(new EnrichedFlow(flow, localApp, remoteApp, localSource, remoteSource, false), output);
                continue;
            }

            int slot = Enqueue(flow, nowMs, output);
            ref var waiting = ref _waiting[slot];
            if (flow.StartUnixMs <= settled)
            {
                // Already settled on arrival: this was the first check; park until the blocking history changes.
                if (local)
                {
                    (waiting.LocalApp, waiting.LocalSource) = (localApp, localSource);
                }

                Block(ref waiting, local ? remoteEnd : localEnd, !local);
                Park(slot);
            }
            else
            {
                Predict(ref waiting, flow, localEnd, remoteEnd);
                _waiting.Settle(slot, Math.Min(flow.StartUnixMs + _latenessMs, nowMs + _maxWaitMs));
            }
        }
    }

    /// <summary>Starts loading the index slots the lookups of <paramref name="flow"/>'s ends will read.</summary>
    internal void Prefetch(in FlowRecord flow)
    {
        // The local end is read either way: looked up, or taught by the flow's heartbeat.
        _table.Prefetch(flow.LocalIp);
        _table.Prefetch(flow.RemoteIp);
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
        else if (_waiting.ParkedCount == 0)
        {
            // Nothing to wake: the change log need not grow until a flow parks.
            _changes.Clear();
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

    /// <summary>Looks one end up once: the answer now, the answer once settled, and the history's stamp.</summary>
    private EndLookup LookUpEnd(in IpAddress ip, long time, long settled, string? identity)
    {
        if (identity is not null)
        {
            var known = new OwnerLookup(OwnerLookupStatus.Owned, identity, OwnershipEvidence.Heartbeat);
            return new EndLookup(known, known, -1, 0, Identity: true);
        }

        var now = _table.LookupWithHistory(ip, time, settled, out var whenSettled, out var history, out long stamp);
        return new EndLookup(now, whenSettled, history, stamp, Identity: false);
    }

    private bool TryResolveEnd(
        in IpAddress ip, long time, long settled, string? identity, bool final, out string? app, out AttributionSource source, out EndLookup end)
    {
        if (identity is not null)
        {
            end = new EndLookup(default, default, -1, 0, Identity: true);
            (app, source) = (identity, AttributionSource.Heartbeat);
            return true;
        }

        var owner = _table.LookupWithHistory(ip, time, settled, out var history, out long stamp);
        end = new EndLookup(owner, owner, history, stamp, Identity: false);
        return Decide(end, ip, final, out app, out source);
    }

    /// <summary>An end's attribution from its lookup: the owner, an identity, else a CIDR block (a fallback block only when final).</summary>
    private bool Decide(in EndLookup end, in IpAddress ip, bool final, out string? app, out AttributionSource source)
    {
        if (end.Now.Status == OwnerLookupStatus.Owned)
        {
            app = end.Now.Workload;
            source = end.Identity || end.Now.Evidence != OwnershipEvidence.Event ? AttributionSource.Heartbeat : AttributionSource.Range;
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
}
