using System.Diagnostics.Metrics;

namespace StreamJobs.FlowEnricher;

/// <summary>
/// Process-wide counters of the flow path beyond the engine's per-stage in/out/dropped: how flows were attributed,
/// how many wait, what happened to ownership events, and flow windows. Published on the <see cref="MeterName"/>
/// meter; register one as a singleton so every stage (and the host's /metrics and progress line) shares it.
/// </summary>
public sealed class FlowEnricherMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "StreamJobs.FlowEnricher";

    private readonly Meter _meter = new(MeterName);
    private long _attributed, _unattributed, _late, _evicted, _waiting, _held, _applied, _duplicate, _invalid, _rejected, _trackedIps, _handedOff;
    private long _windows, _windowLateDropped, _windowsClosedEarly;

    /// <summary>Creates the counters and their meter.</summary>
    public FlowEnricherMetrics()
    {
        _meter.CreateObservableCounter("streamjobs.flowenricher.flows", () => new[]
        {
            Measure(ref _attributed, "attributed"),
            Measure(ref _unattributed, "unattributed"),
        }, "{flow}", "Flows emitted, by outcome (attributed: both ends known).");
        _meter.CreateObservableCounter("streamjobs.flowenricher.late", () => Late, "{flow}", "Flows that waited for ownership evidence before emission.");
        _meter.CreateObservableCounter("streamjobs.flowenricher.evicted", () => Evicted, "{flow}", "Waits ended early because MaxWaiting was reached.");
        _meter.CreateObservableCounter("streamjobs.flowenricher.handed_off", () => HandedOff, "{flow}", "Flows of partitions revoked from this replica, released unemitted for the partition's next owner to replay.");
        _meter.CreateObservableGauge("streamjobs.flowenricher.waiting", () => Waiting, "{flow}", "Flows waiting for ownership evidence now.");
        _meter.CreateObservableGauge("streamjobs.flowenricher.held", () => Interlocked.Read(ref _held), "{flow}", "Flows held until the shared ownership history has been read (a starting replica).");
        _meter.CreateObservableCounter("streamjobs.flowenricher.events", () => new[]
        {
            Measure(ref _applied, "applied"),
            Measure(ref _duplicate, "duplicate"),
            Measure(ref _invalid, "invalid"),
        }, "{event}", "Ownership events taken, by outcome.");
        _meter.CreateObservableCounter("streamjobs.flowenricher.rejected_at_capacity", () => Interlocked.Read(ref _rejected), "{item}", "Evidence dropped because MaxTrackedIps was reached.");
        _meter.CreateObservableGauge("streamjobs.flowenricher.tracked_ips", () => Interlocked.Read(ref _trackedIps), "{ip}", "IPs with ownership evidence now.");
        _meter.CreateObservableCounter("streamjobs.flowwindows.windows", () => Interlocked.Read(ref _windows), "{window}", "Flow windows emitted.");
        _meter.CreateObservableCounter("streamjobs.flowwindows.late_dropped", () => Interlocked.Read(ref _windowLateDropped), "{flow}", "Flows dropped because their window had closed.");
        _meter.CreateObservableCounter("streamjobs.flowwindows.closed_early", () => Interlocked.Read(ref _windowsClosedEarly), "{window}", "Windows closed early by MaxOpenWindows.");
    }

    /// <summary>Flows emitted with both ends attributed.</summary>
    public long Attributed => Interlocked.Read(ref _attributed);

    /// <summary>Flows emitted with at least one end unknown.</summary>
    public long Unattributed => Interlocked.Read(ref _unattributed);

    /// <summary>Flows that waited before emission.</summary>
    public long Late => Interlocked.Read(ref _late);

    /// <summary>Waits ended early by the MaxWaiting bound.</summary>
    public long Evicted => Interlocked.Read(ref _evicted);

    /// <summary>Flows released unemitted because their partition was revoked (the next owner replays them).</summary>
    public long HandedOff => Interlocked.Read(ref _handedOff);

    /// <summary>Flows waiting at the last report.</summary>
    public long Waiting => Interlocked.Read(ref _waiting);

    /// <summary>Ownership events that were malformed (empty workload) and dropped.</summary>
    public long InvalidEvents => Interlocked.Read(ref _invalid);

    /// <summary>Flow windows emitted.</summary>
    public long Windows => Interlocked.Read(ref _windows);

    /// <summary>Flows dropped because their window had already closed.</summary>
    public long WindowLateDropped => Interlocked.Read(ref _windowLateDropped);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    /// <summary>Adds what changed since <paramref name="last"/> and remembers <paramref name="now"/>.</summary>
    internal void Report(in AttributorTotals now, ref AttributorTotals last)
    {
        Interlocked.Add(ref _attributed, now.Attributed - last.Attributed);
        Interlocked.Add(ref _unattributed, now.Unattributed - last.Unattributed);
        Interlocked.Add(ref _late, now.Late - last.Late);
        Interlocked.Add(ref _evicted, now.Evicted - last.Evicted);
        Interlocked.Add(ref _waiting, now.Waiting - last.Waiting);
        Interlocked.Add(ref _applied, now.EventsApplied - last.EventsApplied);
        Interlocked.Add(ref _duplicate, now.EventsDuplicate - last.EventsDuplicate);
        Interlocked.Add(ref _invalid, now.EventsInvalid - last.EventsInvalid);
        Interlocked.Add(ref _rejected, now.Rejected - last.Rejected);
        Interlocked.Add(ref _trackedIps, now.TrackedIps - last.TrackedIps);
        Interlocked.Add(ref _handedOff, now.HandedOff - last.HandedOff);
        last = now;
    }

    /// <summary>Adds the change in flows held for the ownership catch-up.</summary>
    internal void ReportHeld(long delta) => Interlocked.Add(ref _held, delta);

    /// <summary>Adds window counts.</summary>
    internal void ReportWindows(long emitted, long lateDropped, long closedEarly)
    {
        Interlocked.Add(ref _windows, emitted);
        Interlocked.Add(ref _windowLateDropped, lateDropped);
        Interlocked.Add(ref _windowsClosedEarly, closedEarly);
    }

    private static Measurement<long> Measure(ref long counter, string outcome) =>
        new(Interlocked.Read(ref counter), new KeyValuePair<string, object?>("outcome", outcome));
}
