namespace StreamJobs.FlowEnricher.Ownership;

/// <summary>
/// Everything known about one IP: raw ownership events (few; kept so late events re-derive ranges exactly) and
/// heartbeat ranges. The event ranges (segments) are derived from the events when asked, not stored: a lookup needs
/// only the event at or before its time and the one after it, and storing them cost an array per event received.
/// All arrays are sorted and small, searched by binary search.
/// </summary>
internal sealed partial class IpHistory
{
    private EventEntry[] _events = [];
    private int _eventCount;
    private Beat[] _beats = [];
    private int _beatCount;

    /// <summary>This IP's id in the table's <see cref="HistoryIds"/>.</summary>
    public int Id { get; set; }

    public bool IsEmpty => _eventCount == 0 && _beatCount == 0;

    public int EventCount => _eventCount;

    public int BeatCount => _beatCount;

    public ReadOnlySpan<Beat> Beats => _beats.AsSpan(0, _beatCount);

    /// <summary>The event ranges, derived afresh (an array per call: for rare readers such as a table dump).</summary>
    public Segment[] DeriveSegments()
    {
        int n = BuildSegments(null);
        var segments = n == 0 ? [] : new Segment[n];
        BuildSegments(segments);
        return segments;
    }

    /// <summary>Approximate heap bytes of this history (object, arrays) excluding shared workload strings.</summary>
    public int EstimateBytes() => 48 + ArrayBytes(_events.Length, 24) + ArrayBytes(_beats.Length, 24);

    private static int ArrayBytes(int length, int elementSize) => length == 0 ? 0 : 24 + (length * elementSize);

    private static bool Same(string? a, string? b) => ReferenceEquals(a, b) || string.Equals(a, b, StringComparison.Ordinal);

    /// <summary>Inserts an event in time order; false for an exact duplicate (replays are idempotent).</summary>
    public bool AddEvent(long time, string workload, OwnershipChange change, int maxEvents)
    {
        var entry = new EventEntry(time, workload, change);
        int position = _eventCount;
        while (position > 0 && Compare(_events[position - 1], entry) > 0)
        {
            position--;
        }

        if (position > 0 && Compare(_events[position - 1], entry) == 0)
        {
            return false;
        }

        Insert(ref _events, ref _eventCount, position, entry);
        if (_eventCount > maxEvents)
        {
            RemoveAt(_events, ref _eventCount, 0, 1);
        }

        return true;
    }

    // At one instant an unassignment applies before an assignment, so "A leaves, B arrives at t" means B owns t.
    private static int Compare(in EventEntry a, in EventEntry b)
    {
        int byTime = a.Time.CompareTo(b.Time);
        if (byTime != 0)
        {
            return byTime;
        }

        int byKind = (a.Change == OwnershipChange.Unassigned ? 0 : 1).CompareTo(b.Change == OwnershipChange.Unassigned ? 0 : 1);
        return byKind != 0 ? byKind : string.CompareOrdinal(a.Workload, b.Workload);
    }

    /// <summary>
    /// The raw range event <paramref name="i"/> opens: from its time to the next event's (open-ended for the last), owned
    /// by its workload for an assignment, explicitly unowned for an unassignment. False when it opens none: it lasts no
    /// time (the next event is at the same instant), or the next event unassigns someone else (a missing assignment in
    /// between, so a gap). Consecutive raw ranges of one owner that touch form one segment of <see cref="BuildSegments"/>.
    /// </summary>
    private bool RangeAt(int i, out long end, out string? owner)
    {
        ref readonly var e = ref _events[i];
        bool hasNext = i + 1 < _eventCount;
        end = hasNext ? _events[i + 1].Time : long.MaxValue;
        owner = e.Change == OwnershipChange.Assigned ? e.Workload : null;
        // An unassignment of someone other than the current holder means an assignment in between is
        // missing: we know neither when the holder left nor when the other arrived, so leave a gap.
        return end > e.Time && !(hasNext && _events[i + 1].Change == OwnershipChange.Unassigned && !Same(_events[i + 1].Workload, e.Workload));
    }

    /// <summary>
    /// The newest segment (what <see cref="BuildSegments"/> would list last): the last event's open-ended range,
    /// extended back over touching ranges of the same owner. False when there are no events.
    /// </summary>
    public bool TryGetNewestSegment(out long start, out long end, out string? owner)
    {
        if (_eventCount == 0)
        {
            (start, end, owner) = (long.MinValue, long.MinValue, null);
            return false;
        }

        RangeAt(_eventCount - 1, out end, out owner);
        start = _events[_eventCount - 1].Time;
        for (int i = _eventCount - 2; i >= 0; i--)
        {
            if (_events[i + 1].Time <= _events[i].Time)
            {
                // Lasts no time: skipped when segments are built, so the one before it may still touch.
                continue;
            }

            if (!RangeAt(i, out long previousEnd, out string? previousOwner) || previousEnd != start || !Same(previousOwner, owner))
            {
                break;
            }

            start = _events[i].Time;
        }

        return true;
    }

    /// <summary>Derives the event ranges into <paramref name="target"/> (or only counts them when null).</summary>
    private int BuildSegments(Segment[]? target)
    {
        int n = 0;
        long lastEnd = long.MinValue;
        string? lastOwner = null;
        for (int i = 0; i < _eventCount; i++)
        {
            ref readonly var e = ref _events[i];
            bool hasNext = i + 1 < _eventCount;
            long end = hasNext ? _events[i + 1].Time : long.MaxValue;
            if (end <= e.Time)
            {
                continue;
            }

            // An unassignment of someone other than the current holder means an assignment in between is
            // missing: we know neither when the holder left nor when the other arrived, so leave a gap.
            if (hasNext && _events[i + 1].Change == OwnershipChange.Unassigned && !Same(_events[i + 1].Workload, e.Workload))
            {
                continue;
            }

            string? owner = e.Change == OwnershipChange.Assigned ? e.Workload : null;
            if (n > 0 && lastEnd == e.Time && Same(lastOwner, owner))
            {
                if (target is not null)
                {
                    target[n - 1] = target[n - 1] with { End = end };
                }
            }
            else
            {
                if (target is not null)
                {
                    target[n] = new Segment(e.Time, end, owner);
                }

                n++;
                lastOwner = owner;
            }

            lastEnd = end;
        }

        return n;
    }

    /// <summary>
    /// Resolves the owner at <paramref name="time"/>; event evidence newer than <paramref name="settledUntil"/> is not
    /// trusted alone. Most lookups are answered by the table's index entry, which keeps copies of the newest ranges;
    /// this searches the arrays. The event range covering a time is the raw range of the last event at or before it
    /// (a later event at the same instant ends an earlier one's range at once), so no segment list is needed.
    /// <paramref name="newestBeatLast"/> is the newest heartbeat range's end as the index entry knows it, which may be
    /// ahead of this history's copy (<see cref="IndexEntry.BeatAhead"/>).
    /// </summary>
    public OwnerLookup Lookup(long time, long settledUntil, long newestBeatLast)
    {
        int b = LastAtOrBefore(_beats, _beatCount, time);
        bool beat = b >= 0 && time <= (b == _beatCount - 1 ? Math.Max(_beats[b].Last, newestBeatLast) : _beats[b].Last);
        int e = LastAtOrBefore(_events, _eventCount, time);
        string? owner = null;
        bool segment = e >= 0 && RangeAt(e, out long end, out owner) && time < end;
        return Resolve(beat, beat ? _beats[b].Workload : null, segment, segment ? owner : null, time, settledUntil);
    }

    /// <summary>
    /// The lookup rules, given whether a heartbeat range and an event range cover the time and their owners (an event
    /// range's null owner is an explicitly unowned stretch).
    /// </summary>
    public static OwnerLookup Resolve(bool beat, string? beatOwner, bool segment, string? segmentOwner, long time, long settledUntil)
    {
        if (beat)
        {
            string workload = beatOwner!;
            if (!segment)
            {
                return new OwnerLookup(OwnerLookupStatus.Owned, workload, OwnershipEvidence.Heartbeat);
            }

            return Same(segmentOwner, workload)
                ? new OwnerLookup(OwnerLookupStatus.Owned, workload, OwnershipEvidence.Event)
                : new OwnerLookup(OwnerLookupStatus.Pending, null, OwnershipEvidence.Event);
        }

        if (segment && segmentOwner is { } owner)
        {
            return time <= settledUntil
                ? new OwnerLookup(OwnerLookupStatus.Owned, owner, OwnershipEvidence.Event)
                : new OwnerLookup(OwnerLookupStatus.Pending, null, OwnershipEvidence.Event);
        }

        return new OwnerLookup(OwnerLookupStatus.NotCovered, null, OwnershipEvidence.Event);
    }

    private static int LastAtOrBefore(EventEntry[] items, int count, long time)
    {
        if (count > 0 && items[count - 1].Time <= time)
        {
            return count - 1;
        }

        int lo = 0, hi = count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (items[mid].Time <= time) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
        }

        return found;
    }

    private static int LastAtOrBefore(Beat[] items, int count, long time)
    {
        // Heartbeats mostly hit the newest range: check it before searching.
        if (count > 0 && items[count - 1].First <= time)
        {
            return count - 1;
        }

        int lo = 0, hi = count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (items[mid].First <= time) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
        }

        return found;
    }

    /// <summary>
    /// <see cref="Expire"/> changes nothing for a horizon at or before this time: the oldest heartbeat range's end, the
    /// second event (the newest one before the horizon is kept), or a trailing unassignment.
    /// </summary>
    public long ExpiresAfter
    {
        get
        {
            long at = _beatCount > 0 ? _beats[0].Last : long.MaxValue;
            if (_eventCount >= 2)
            {
                at = Math.Min(at, _events[1].Time);
            }

            if (_eventCount > 0 && _events[_eventCount - 1].Change == OwnershipChange.Unassigned)
            {
                at = Math.Min(at, _events[_eventCount - 1].Time);
            }

            return at;
        }
    }

    /// <summary>Drops evidence that ended before <paramref name="horizon"/>; true when anything changed.</summary>
    public bool Expire(long horizon)
    {
        bool changed = false;
        int oldBeats = 0;
        while (oldBeats < _beatCount && _beats[oldBeats].Last < horizon)
        {
            oldBeats++;
        }

        if (oldBeats > 0)
        {
            RemoveAt(_beats, ref _beatCount, 0, oldBeats);
            changed = true;
        }

        // Keep the newest event before the horizon: it still defines who owns the IP at the horizon.
        int before = 0;
        while (before < _eventCount && _events[before].Time < horizon)
        {
            before++;
        }

        int drop = before - 1;
        if (before == _eventCount && before > 0 && _events[before - 1].Change == OwnershipChange.Unassigned)
        {
            drop = before;
        }

        if (drop > 0)
        {
            RemoveAt(_events, ref _eventCount, 0, drop);
            changed = true;
        }

        return changed;
    }

    private static void Insert<T>(ref T[] items, ref int count, int position, T item)
    {
        if (count == items.Length)
        {
            // Half again, not double: most histories stay small, and memory per IP is what a large table pays for.
            Array.Resize(ref items, items.Length == 0 ? 2 : items.Length + Math.Max(1, items.Length / 2));
        }

        Array.Copy(items, position, items, position + 1, count - position);
        items[position] = item;
        count++;
    }

    private static void RemoveAt<T>(T[] items, ref int count, int position, int length)
    {
        Array.Copy(items, position + length, items, position, count - position - length);
        count -= length;
        Array.Clear(items, count, length);
    }
}
