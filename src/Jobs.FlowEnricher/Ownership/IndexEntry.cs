using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Ownership;

/// <summary>
/// One IP in <see cref="OwnershipIndex"/>: the key, copies of its history's newest event range and heartbeat range,
/// its stamp and when it next has anything to expire, side by side, so a lookup in or after the newest ranges reads one entry and nothing else. Older
/// times fall back to the <see cref="History"/> arrays. Absent ranges are sentinels: start and end
/// <see cref="long.MinValue"/>, owner null.
/// </summary>
/// <remarks>
/// A heartbeat that only extends the newest heartbeat range (most do: a connection's next interval) updates
/// <see cref="BeatLast"/> here and leaves the history alone (<see cref="BeatAhead"/>), so it reads and writes this entry
/// and nothing else. Whoever reads the history's heartbeat ranges calls <see cref="SyncHistory"/> first.
/// </remarks>
internal struct IndexEntry
{
    public IpAddress Key;
    public long SegmentStart;
    public long SegmentEnd;
    public long BeatFirst;

    /// <summary>The newest heartbeat range's end; ahead of the history's copy while <see cref="BeatAhead"/>.</summary>
    public long BeatLast;

    /// <summary>Table sequence at the last heartbeat-range change (drives <see cref="IpOwnershipTable.CollectLearnedSince"/>).</summary>
    public long BeatSequence;

    /// <summary>Table version at this IP's last change (also in <see cref="HistoryIds"/>): a waiting flow whose IPs kept their stamps need not be re-checked.</summary>
    public long Stamp;

    /// <summary>A copy of <see cref="IpHistory.Id"/>, so a lookup hands out the id without visiting the history.</summary>
    public int Id;

    /// <summary><see cref="BeatLast"/> moved on since the history's newest heartbeat range was last written.</summary>
    public bool BeatAhead;

    /// <summary>A copy of <see cref="IpHistory.ExpiresAfter"/>: an expiry pass skips the entry without visiting its history.</summary>
    public long ExpiresAfter;
    public string? SegmentOwner;
    public string? BeatOwner;
    public IpHistory History;

    /// <summary>Copies the newest ranges and the id from <see cref="History"/> after it changed.</summary>
    public void Refresh()
    {
        SyncHistory();
        Id = History.Id;
        ExpiresAfter = History.ExpiresAfter;
        if (History.Beats is [.., var beat])
        {
            (BeatFirst, BeatLast, BeatOwner) = (beat.First, beat.Last, beat.Workload);
        }
        else
        {
            (BeatFirst, BeatLast, BeatOwner) = (long.MinValue, long.MinValue, null);
        }

        History.TryGetNewestSegment(out SegmentStart, out SegmentEnd, out SegmentOwner);
    }

    /// <summary>
    /// Extends the newest heartbeat range here alone when <paramref name="workload"/> holds it and the new range starts
    /// within it or within <paramref name="gap"/> after it (where <see cref="IpHistory.AddBeat"/> would extend it too).
    /// False when the history must take the heartbeat; otherwise <paramref name="extended"/> tells whether it moved the end.
    /// </summary>
    public bool TryExtendBeat(string workload, long first, long last, long gap, out bool extended)
    {
        // By reference: names are interned, and a different instance of an equal name takes the history's path.
        if (!ReferenceEquals(BeatOwner, workload) || first < BeatFirst || first - gap > BeatLast)
        {
            extended = false;
            return false;
        }

        extended = last > BeatLast;
        if (extended)
        {
            BeatLast = last;
            BeatAhead = true;
        }

        return true;
    }

    /// <summary>Writes <see cref="BeatLast"/> back into the history's newest heartbeat range if it moved on.</summary>
    public void SyncHistory()
    {
        if (BeatAhead)
        {
            History.ExtendNewestBeat(BeatLast);
            BeatAhead = false;
        }
    }

    /// <summary>As <see cref="IpHistory.Lookup"/>, answered from the copies when <paramref name="time"/> is not older than both newest ranges.</summary>
    public readonly OwnerLookup Lookup(long time, long settledUntil) =>
        IsNewest(time)
            ? IpHistory.Resolve(BeatOwner is not null && time <= BeatLast, BeatOwner, time < SegmentEnd, SegmentOwner, time, settledUntil)
            : History.Lookup(time, settledUntil, BeatLast);

    /// <summary>
    /// Both answers a waiting flow needs from one read: with the given settle horizon, and as it will stand once the
    /// time has settled (no horizon).
    /// </summary>
    public readonly OwnerLookup Lookup(long time, long settledUntil, out OwnerLookup whenSettled)
    {
        if (!IsNewest(time))
        {
            whenSettled = History.Lookup(time, long.MaxValue, BeatLast);
            return History.Lookup(time, settledUntil, BeatLast);
        }

        bool beat = BeatOwner is not null && time <= BeatLast;
        bool segment = time < SegmentEnd;
        whenSettled = IpHistory.Resolve(beat, BeatOwner, segment, SegmentOwner, time, long.MaxValue);
        return IpHistory.Resolve(beat, BeatOwner, segment, SegmentOwner, time, settledUntil);
    }

    private readonly bool IsNewest(long time) => BeatFirst <= time && SegmentStart <= time;
}
