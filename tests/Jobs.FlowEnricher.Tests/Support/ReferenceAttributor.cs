using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Tests.Support;

/// <summary>
/// The attribution rules written the plain way, as a yardstick for <see cref="FlowAttributor"/>'s waiting structure:
/// waiting flows sit in one list in arrival order, and every re-check resolves every flow whose start has settled.
/// </summary>
internal sealed class ReferenceAttributor(IpOwnershipTable table, CidrTable cidr, FlowAttributorOptions options)
{
    private readonly List<Entry> _waiting = [];
    private readonly long _maxWaitMs = (long)options.MaxWait.TotalMilliseconds;
    private readonly long _latenessMs = (long)options.MaxEventLateness.TotalMilliseconds;
    private readonly long _recheckMs = (long)options.RecheckInterval.TotalMilliseconds;
    private readonly long _expireMs = (long)options.ExpireInterval.TotalMilliseconds;
    private long _now = long.MinValue;
    private long _checkedAt = long.MinValue;
    private long _expiredAt = long.MinValue;

    public long Attributed { get; private set; }

    public long Unattributed { get; private set; }

    public long Late { get; private set; }

    public long EvictedEarly { get; private set; }

    public int Waiting => _waiting.Count;

    public void Apply(in OwnershipEvent e) => table.Apply(e);

    public void Add(IEnumerable<FlowRecord> flows, long now, IEnrichedFlowSink output)
    {
        _now = Math.Max(_now, now);
        foreach (var flow in flows)
        {
            if (flow.LocalWorkload is { } identity)
            {
                table.RecordHeartbeat(flow.LocalIp, identity, flow.StartUnixMs, flow.EndUnixMs);
            }
        }

        foreach (var flow in flows)
        {
            var entry = new Entry(flow, _now + _maxWaitMs);
            if (TryResolve(entry, _now - _latenessMs, final: false))
            {
                Emit(entry, waited: false, output);
                continue;
            }

            if (_waiting.Count == options.MaxWaiting)
            {
                EvictedEarly++;
                Final(_waiting[0], _now - _latenessMs, output);
                _waiting.RemoveAt(0);
            }

            _waiting.Add(new Entry(flow, _now + _maxWaitMs));
        }
    }

    public void DrainDue(long now, IEnrichedFlowSink output)
    {
        _now = Math.Max(_now, now);
        long settled = _now - _latenessMs;
        while (_waiting.Count > 0 && _waiting[0].Deadline <= _now)
        {
            Final(_waiting[0], settled, output);
            _waiting.RemoveAt(0);
        }

        if (_waiting.Count > 0 && (_checkedAt == long.MinValue || _now - _checkedAt >= _recheckMs))
        {
            _waiting.RemoveAll(entry =>
            {
                bool resolved = entry.Flow.StartUnixMs <= settled && TryResolve(entry, settled, final: false);
                if (resolved)
                {
                    Emit(entry, waited: true, output);
                }

                return resolved;
            });
            _checkedAt = _now;
        }

        if (_expiredAt == long.MinValue || _now - _expiredAt >= _expireMs)
        {
            table.Expire(_now);
            _expiredAt = _now;
        }
    }

    /// <summary>Forgets the waiting flows that match, emitting nothing: a partition handed off.</summary>
    public int RemoveWhere(Func<FlowRecord, bool> match) => _waiting.RemoveAll(entry => match(entry.Flow));

    public void DrainAll(IEnrichedFlowSink output)
    {
        foreach (var entry in _waiting)
        {
            Final(entry, _now - _latenessMs, output);
        }

        _waiting.Clear();
    }

    private void Final(Entry entry, long settled, IEnrichedFlowSink output)
    {
        TryResolve(entry, settled, final: true);
        Emit(entry, waited: true, output);
    }

    // A resolved local end is remembered across checks, as the attributor does.
    private bool TryResolve(Entry entry, long settled, bool final)
    {
        if (entry.LocalSource == AttributionSource.Unknown)
        {
            if (!TryResolveEnd(entry.Flow.LocalIp, entry.Flow.StartUnixMs, settled, entry.Flow.LocalWorkload, final, out var app, out var source))
            {
                return false;
            }

            (entry.LocalApp, entry.LocalSource) = (app, source);
        }

        if (!TryResolveEnd(entry.Flow.RemoteIp, entry.Flow.StartUnixMs, settled, null, final, out var remoteApp, out var remoteSource))
        {
            return false;
        }

        (entry.RemoteApp, entry.RemoteSource) = (remoteApp, remoteSource);
        return true;
    }

    private bool TryResolveEnd(IpAddress ip, long time, long settled, string? identity, bool final, out string? app, out AttributionSource source)
    {
        (app, source) = (identity, AttributionSource.Heartbeat);
        if (identity is not null)
        {
            return true;
        }

        var owner = table.Lookup(ip, time, settled);
        if (owner.Status == OwnerLookupStatus.Owned)
        {
            (app, source) = (owner.Workload, owner.Evidence == OwnershipEvidence.Event ? AttributionSource.Range : AttributionSource.Heartbeat);
            return true;
        }

        if (cidr.TryMatch(ip, out var block) && (block.Authoritative || final))
        {
            (app, source) = (block.Owner, AttributionSource.Cidr);
            return true;
        }

        (app, source) = (null, AttributionSource.Unknown);
        return final;
    }

    private void Emit(Entry entry, bool waited, IEnrichedFlowSink output)
    {
        if (entry.LocalApp is not null && entry.RemoteApp is not null)
        {
            Attributed++;
        }
        else
        {
            Unattributed++;
        }

        if (waited)
        {
            Late++;
        }

        output.Accept(new EnrichedFlow(entry.Flow, entry.LocalApp, entry.RemoteApp, entry.LocalSource, entry.RemoteSource, waited));
    }

    private sealed class Entry(FlowRecord flow, long deadline)
    {
        public FlowRecord Flow { get; } = flow;

        public long Deadline { get; } = deadline;

        public string? LocalApp { get; set; }

        public AttributionSource LocalSource { get; set; }

        public string? RemoteApp { get; set; }

        public AttributionSource RemoteSource { get; set; }
    }
}
