using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Ownership;

/// <summary>
/// One IP in <see cref="OwnershipIndex"/>: the key, copies of its history's newest event range and heartbeat range,
/// its stamp and when it next has anything to expire, side by side, so a lookup in or after the newest ranges reads one entry and nothing else. Older
/// times fall back to the <see cref="History"/> arrays. Absent ranges are sentinels: start and end
/// <see cref="long.MinValue"/>, owner null.
/// </summary>
internal struct IndexEntry
{
    public IpAddress Key;
    public long SegmentStart;
    public long SegmentEnd;
    public long BeatFirst;
    public long BeatLast;

    /// <summary>Table version at this IP's last change (also in <see cref="HistoryIds"/>): a waiting flow whose IPs kept their stamps need not be re-checked.</summary>
    public long Stamp;

    /// <summary>A copy of <see cref="IpHistory.Id"/>, so a lookup hands out the id without visiting the history.</summary>
    public int Id;

    /// <summary>A copy of <see cref="IpHistory.ExpiresAfter"/>: an expiry pass skips the entry without visiting its history.</summary>
    public long ExpiresAfter;
    public string? SegmentOwner;
    public string? BeatOwner;
    public IpHistory History;

    /// <summary>Copies the newest ranges and the id from <see cref="History"/> after it changed.</summary>
    public void Refresh()
    {
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

    /// <summary>As <see cref="IpHistory.Lookup"/>, answered from the copies when <paramref name="time"/> is not older than both newest ranges.</summary>
    public readonly OwnerLookup Lookup(long time, long settledUntil) =>
        IsNewest(time)
            ? IpHistory.Resolve(BeatOwner is not null && time <= BeatLast, BeatOwner, time < SegmentEnd, SegmentOwner, time, settledUntil)
            : History.Lookup(time, settledUntil);

    /// <summary>
    /// Both answers a waiting flow needs from one read: with the given settle horizon, and as it will stand once the
    /// time has settled (no horizon).
    /// </summary>
    public readonly OwnerLookup Lookup(long time, long settledUntil, out OwnerLookup whenSettled)
    {
        if (!IsNewest(time))
        {
            whenSettled = History.Lookup(time, long.MaxValue);
            return History.Lookup(time, settledUntil);
        }

        bool beat = BeatOwner is not null && time <= BeatLast;
        bool segment = time < SegmentEnd;
        whenSettled = IpHistory.Resolve(beat, BeatOwner, segment, SegmentOwner, time, long.MaxValue);
        return IpHistory.Resolve(beat, BeatOwner, segment, SegmentOwner, time, settledUntil);
    }

    private readonly bool IsNewest(long time) => BeatFirst <= time && SegmentStart <= time;
}
