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
    private WaitingFlow[] _waiting = new WaitingFlow[64];
    private int _head;
    private int _count;
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
    public int Waiting => _count;

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
            if (TryResolve(flow, settled, final: false, waited: false, out var enriched))
            {
                Emit(enriched, output);
            }
            else
            {
                // A flow blocked only by unsettled event ranges cannot resolve from events before its start settles.
                Enqueue(flow, nowMs + _maxWaitMs, flow.StartUnixMs + _latenessMs, output);
            }
        }
    }

    /// <summary>Emits waiting flows that became attributable and, unattributed if need be, those whose wait ended.</summary>
    public void DrainDue(DateTimeOffset now, IEnrichedFlowSink output)
    {
        ArgumentNullException.ThrowIfNull(output);
        long nowMs = Advance(now);
        long settled = nowMs - _latenessMs;
        while (_count > 0 && _waiting[_head].DeadlineMs <= nowMs)
        {
            var due = Dequeue();
            EmitFinal(ref due, settled, output);
        }

        // Evidence changes on almost every batch (heartbeats), so waiting flows are re-checked on a fixed cadence.
        if (_count > 0 && (_checkedAtMs == long.MinValue || nowMs - _checkedAtMs >= _recheckMs))
        {
            Recheck(settled, output);
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
        while (_count > 0)
        {
            var due = Dequeue();
            EmitFinal(ref due, settled, output);
        }
    }

    private long Advance(DateTimeOffset now)
    {
        // The clock never runs backwards for us, so deadlines stay in arrival order.
        _lastNowMs = Math.Max(_lastNowMs, now.ToUnixTimeMilliseconds());
        return _lastNowMs;
    }

    private bool TryResolve(in FlowRecord flow, long settled, bool final, bool waited, out EnrichedFlow enriched)
    {
        enriched = default;
        if (!TryResolveEnd(flow.LocalIp, flow.StartUnixMs, settled, flow.LocalWorkload, final, out var localApp, out var localSource) ||
            !TryResolveEnd(flow.RemoteIp, flow.StartUnixMs, settled, null, final, out var remoteApp, out var remoteSource))
        {
            return false;
        }

        enriched = new EnrichedFlow(flow, localApp, remoteApp, localSource, remoteSource, waited);
        return true;
    }

    /// <summary>Re-checks a waiting flow, resolving only the ends still open and remembering an end once resolved.</summary>
    private bool TryResolveWaiting(ref WaitingFlow waiting, long settled, bool final, out EnrichedFlow enriched)
    {
        enriched = default;
        ref readonly var flow = ref waiting.Flow;
        if (waiting.LocalSource == AttributionSource.Unknown)
        {
            if (!TryResolveEnd(flow.LocalIp, flow.StartUnixMs, settled, flow.LocalWorkload, final, out var app, out var source))
            {
                return false;
            }

            (waiting.LocalApp, waiting.LocalSource) = (app, source);
        }

        if (!TryResolveEnd(flow.RemoteIp, flow.StartUnixMs, settled, null, final, out var remoteApp, out var remoteSource))
        {
            return false;
        }

        enriched = new EnrichedFlow(flow, waiting.LocalApp, remoteApp, waiting.LocalSource, remoteSource, true);
        return true;
    }

    private bool TryResolveEnd(in IpAddress ip, long time, long settled, string? identity, bool final, out string? app, out AttributionSource source)
    {
        if (identity is not null)
        {
            (app, source) = (identity, AttributionSource.Heartbeat);
            return true;
        }

        var owner = _table.Lookup(ip, time, settled);
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

    private void EmitFinal(ref WaitingFlow waiting, long settled, IEnrichedFlowSink output)
    {
        TryResolveWaiting(ref waiting, settled, final: true, out var enriched);
        Emit(enriched, output);
    }

    private void Enqueue(in FlowRecord flow, long deadlineMs, long settlesAtMs, IEnrichedFlowSink output)
    {
        if (_count == _maxWaiting)
        {
            EvictedEarly++;
            var evicted = Dequeue();
            EmitFinal(ref evicted, _lastNowMs - _latenessMs, output);
        }

        if (_head + _count == _waiting.Length)
        {
            if (_head > _waiting.Length / 2)
            {
                Array.Copy(_waiting, _head, _waiting, 0, _count);
                Array.Clear(_waiting, _count, _head);
            }
            else
            {
                var grown = new WaitingFlow[Math.Min(_waiting.Length * 2, Math.Max(_maxWaiting, 64))];
                Array.Copy(_waiting, _head, grown, 0, _count);
                _waiting = grown;
            }

            _head = 0;
        }

        _waiting[_head + _count] = new WaitingFlow(flow, deadlineMs, settlesAtMs);
        _count++;
    }

    private WaitingFlow Dequeue()
    {
        var flow = _waiting[_head];
        _waiting[_head] = default;
        _head++;
        _count--;
        if (_count == 0)
        {
            _head = 0;
        }

        return flow;
    }

    private void Recheck(long settled, IEnrichedFlowSink output)
    {
        int kept = 0;
        int end = _head + _count;
        for (int i = _head; i < end; i++)
        {
            // Before its start settles a flow could only resolve through a heartbeat; waiting for the settle (at most
            // the lateness bound) keeps re-checks to about one per flow.
            if (_waiting[i].SettlesAtMs <= settled + _latenessMs && TryResolveWaiting(ref _waiting[i], settled, final: false, out var enriched))
            {
                Emit(enriched, output);
            }
            else
            {
                // Entries are large (a whole flow): move one only when an earlier one has left.
                if (_head + kept != i)
                {
                    _waiting[_head + kept] = _waiting[i];
                }

                kept++;
            }
        }

        Array.Clear(_waiting, _head + kept, _count - kept);
        _count = kept;
        if (_count == 0)
        {
            _head = 0;
        }
    }

    /// <summary>A waiting flow and what is already known of it (an end once resolved stays resolved).</summary>
    private struct WaitingFlow(FlowRecord flow, long deadlineMs, long settlesAtMs)
    {
        public readonly FlowRecord Flow = flow;
        public readonly long DeadlineMs = deadlineMs;
        public readonly long SettlesAtMs = settlesAtMs;
        public string? LocalApp;
        public AttributionSource LocalSource;
    }
}
