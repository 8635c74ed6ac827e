using System.Runtime.InteropServices;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Ownership;

/// <summary>
/// One IP in <see cref="OwnershipIndex"/>, exactly one 64-byte cache line (the index aligns them): the key, copies of its
/// history's newest event range and heartbeat range with their owners as <see cref="OwnerNames"/> ids, its stamp and
/// its history's id. A lookup in or after the newest ranges reads this line and nothing else; older times fall back to
/// the history. The newest event range is always open-ended (it starts at the last event), so only its start is kept.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IndexEntry
{
    public IpAddress Key;

    /// <summary>Start of the newest event range; <see cref="long.MinValue"/> without events.</summary>
    public long SegmentStart;

    /// <summary>The newest heartbeat range [first, last]; <see cref="long.MinValue"/> without heartbeats.</summary>
    public long BeatFirst;
    public long BeatLast;

    /// <summary>Table version at this IP's last change (also in <see cref="HistoryIds"/>): a waiting flow whose IPs kept their stamps need not be re-checked.</summary>
    public long Stamp;

    /// <summary>The history's id (<see cref="HistoryIds"/>): also where the table keeps the history itself.</summary>
    public int Id;

    /// <summary>Owner of the newest event range (<see cref="OwnerNames.Unowned"/> for an unassigned stretch), <see cref="OwnerNames.None"/> without events, <see cref="OwnerNames.Unnumbered"/> when the copies are unusable.</summary>
    public int SegmentOwner;

    /// <summary>Owner of the newest heartbeat range, <see cref="OwnerNames.None"/> without heartbeats.</summary>
    public int BeatOwner;

    private readonly int _unused;

    /// <summary>A fresh entry for an IP with no evidence yet.</summary>
    public static IndexEntry Empty(in IpAddress key, int id) => new()
    {
        Key = key, Id = id, SegmentStart = long.MinValue, BeatFirst = long.MinValue, BeatLast = long.MinValue,
        SegmentOwner = OwnerNames.None, BeatOwner = OwnerNames.None,
    };

    /// <summary>Copies the newest ranges from <paramref name="history"/> after it changed.</summary>
    public void Refresh(IpHistory history, OwnerNames names)
    {
        bool numbered = true;
        if (history.Beats is [.., var beat])
        {
            (BeatFirst, BeatLast, BeatOwner) = (beat.First, beat.Last, names.IdOf(beat.Workload, BeatOwner));
            numbered = BeatOwner != OwnerNames.Unnumbered;
        }
        else
        {
            (BeatFirst, BeatLast, BeatOwner) = (long.MinValue, long.MinValue, OwnerNames.None);
        }

        if (history.TryGetNewestSegment(out SegmentStart, out _, out string? owner))
        {
            SegmentOwner = names.IdOf(owner, SegmentOwner);
        }
        else
        {
            SegmentOwner = OwnerNames.None;
        }

        if (!numbered)
        {
            SegmentOwner = OwnerNames.Unnumbered;
        }
    }

    /// <summary>True when the copies answer for <paramref name="time"/> (not older than either newest range).</summary>
    public readonly bool IsNewest(long time) => BeatFirst <= time && SegmentStart <= time && SegmentOwner != OwnerNames.Unnumbered;

    /// <summary>As <see cref="IpHistory.Lookup"/>, from the copies; only when <see cref="IsNewest"/>.</summary>
    public readonly OwnerLookup Lookup(long time, long settledUntil, OwnerNames names)
    {
        bool beat = BeatOwner > 0 && time <= BeatLast;
        bool segment = SegmentOwner >= 0 && time < long.MaxValue;
        return IpHistory.Resolve(beat, beat ? names[BeatOwner] : null, segment, segment ? names[SegmentOwner] : null, time, settledUntil);
    }

    /// <summary>
    /// Both answers a waiting flow needs from one read: with the given settle horizon, and as it will stand once the
    /// time has settled (no horizon). Only when <see cref="IsNewest"/>.
    /// </summary>
    public readonly OwnerLookup Lookup(long time, long settledUntil, OwnerNames names, out OwnerLookup whenSettled)
    {
        bool beat = BeatOwner > 0 && time <= BeatLast;
        bool segment = SegmentOwner >= 0 && time < long.MaxValue;
        string? beatOwner = beat ? names[BeatOwner] : null;
        string? segmentOwner = segment ? names[SegmentOwner] : null;
        whenSettled = IpHistory.Resolve(beat, beatOwner, segment, segmentOwner, time, long.MaxValue);
        return IpHistory.Resolve(beat, beatOwner, segment, segmentOwner, time, settledUntil);
    }
}
