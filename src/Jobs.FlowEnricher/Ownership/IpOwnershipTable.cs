using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Ownership;

/// <summary>
/// Who owned each IP when: per IP, sorted non-overlapping ranges built from assignment events (arriving late and out
/// of order) and heartbeats (flows that carried their local workload identity). Memory is bounded by retention and
/// per-IP caps. Not thread-safe: one table per attributor (one partition), replicas share learned ranges through
/// <see cref="CollectLearnedSince"/> and <see cref="ApplyLearned"/>. Rules are in docs/flows.md.
/// </summary>
public sealed class IpOwnershipTable
{
    /// <summary>Buckets of <see cref="CreatedStamp"/>.</summary>
    internal const int CreatedBuckets = 4096;

    private readonly OwnershipIndex _index = new();
    private readonly HistoryIds _ids = new();
    private readonly long[] _createdStamps = new long[CreatedBuckets];
    private readonly IpOwnershipTableOptions _options;
    private readonly WorkloadNameTable _names;
    private readonly long _gapMs;
    private OwnershipChanges? _changes;

    /// <summary>Creates a table; workload names are interned in <paramref name="names"/> (a private table when null).</summary>
    public IpOwnershipTable(IpOwnershipTableOptions? options = null, WorkloadNameTable? names = null)
    {
        _options = options ?? new IpOwnershipTableOptions();
        _names = names ?? new WorkloadNameTable();
        _gapMs = (long)_options.HeartbeatMaxGap.TotalMilliseconds;
    }

    /// <summary>IPs with any evidence.</summary>
    public int TrackedIps => _index.Count;

    /// <summary>Increases on every change (events, heartbeats, expiry); lets callers skip re-checks when nothing changed.</summary>
    public long Version { get; private set; }

    /// <summary>Increases when heartbeat-learned ranges change; the cursor for <see cref="CollectLearnedSince"/>.</summary>
    public long LearnedSequence { get; private set; }

    /// <summary>Histories created so far.</summary>
    internal long HistoriesCreated { get; private set; }

    /// <summary>
    /// A stamp that moves whenever a history is created for an IP hashing like <paramref name="ip"/>: a caller that
    /// found the IP untracked needs to look again only when it moved (4,096 buckets, so rarely for another IP).
    /// </summary>
    internal long CreatedStamp(in IpAddress ip) => _createdStamps[CreatedBucket(ip)];

    /// <summary>The stamp of the tracked IP with id <paramref name="history"/> (<see cref="HistoryIds"/>) at its last change.</summary>
    internal long StampOf(int history) => _ids.StampOf(history);

    /// <summary>The bucket of <see cref="CreatedStamp"/> that <paramref name="ip"/> falls in.</summary>
    internal static int CreatedBucket(in IpAddress ip) => ip.GetHashCode() & (CreatedBuckets - 1);

    /// <summary>
    /// Starts logging changes for the one attributor this table feeds (a table is not shared between attributors).
    /// </summary>
    /// <exception cref="InvalidOperationException">Another attributor already watches this table.</exception>
    internal OwnershipChanges WatchChanges()
    {
        if (_changes is not null)
        {
            throw new InvalidOperationException("This ownership table already feeds an attributor; give each attributor its own table.");
        }

        return _changes = new OwnershipChanges(CreatedBuckets);
    }

    /// <summary>Events that changed the table.</summary>
    public long EventsApplied { get; private set; }

    /// <summary>Events ignored as exact duplicates.</summary>
    public long DuplicateEvents { get; private set; }

    /// <summary>Heartbeats that contradicted another workload's heartbeat range (dropped; the old range was cut).</summary>
    public long HeartbeatConflicts { get; private set; }

    /// <summary>Evidence dropped because <see cref="IpOwnershipTableOptions.MaxTrackedIps"/> was reached.</summary>
    public long RejectedAtCapacity { get; private set; }

    /// <summary>Applies an assignment or unassignment event (any order, any lateness; duplicates are ignored).</summary>
    public void Apply(in OwnershipEvent ownershipEvent)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownershipEvent.Workload);
        if (!TryGetOrCreate(ownershipEvent.Ip, out int slot))
        {
            return;
        }

        string workload = _names.Intern(ownershipEvent.Workload);
        if (_index[slot].History.AddEvent(ownershipEvent.TimestampUnixMs, workload, ownershipEvent.Change, _options.MaxEventsPerIp))
        {
            EventsApplied++;
            Touch(slot);
        }
        else
        {
            DuplicateEvents++;
        }
    }

    /// <summary>Records that <paramref name="workload"/> owned <paramref name="ip"/> throughout [first, last] (e.g. one flow's interval).</summary>
    public void RecordHeartbeat(in IpAddress ip, string workload, long firstUnixMs, long lastUnixMs)
    {
        if (lastUnixMs < firstUnixMs || !TryGetOrCreate(ip, out int slot))
        {
            return;
        }

        ref var entry = ref _index[slot];
        if (entry.TryExtendBeat(workload, firstUnixMs, lastUnixMs, _gapMs, out bool extended))
        {
            // The common case (a connection's next interval): the entry alone changes; the history catches up when read.
            if (extended)
            {
                entry.BeatSequence = ++LearnedSequence;
                Stamp(slot);
            }

            return;
        }

        entry.SyncHistory();
        bool changed = entry.History.AddBeat(workload, firstUnixMs, lastUnixMs, _gapMs, _options.MaxHeartbeatRangesPerIp, out bool conflict);
        if (changed)
        {
            entry.BeatSequence = ++LearnedSequence;
        }

        if (conflict)
        {
            HeartbeatConflicts++;
        }

        // A conflict cuts a range even when nothing was added; either way waiting flows on this IP must look again.
        if (changed || conflict)
        {
            Touch(slot);
        }
    }

    /// <summary>Applies a range learned by another replica (idempotent: re-applying a known range changes nothing).</summary>
    public void ApplyLearned(in LearnedRange range)
    {
        ArgumentException.ThrowIfNullOrEmpty(range.Workload);
        RecordHeartbeat(range.Ip, _names.Intern(range.Workload), range.FirstUnixMs, range.LastUnixMs);
    }

    /// <summary>
    /// Adds the heartbeat ranges of every IP whose ranges changed after <paramref name="sequence"/> (all of that IP's
    /// ranges, so a compacted topic keyed by IP keeps the latest picture). Returns the cursor for the next call.
    /// </summary>
    public long CollectLearnedSince(long sequence, ICollection<LearnedRange> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        for (int slot = 0; slot < _index.Capacity; slot++)
        {
            if (!_index.IsOccupied(slot) || _index[slot].BeatSequence <= sequence)
            {
                continue;
            }

            _index[slot].SyncHistory();
            foreach (var beat in _index[slot].History.Beats)
            {
                output.Add(new LearnedRange(_index[slot].Key, beat.Workload, beat.First, beat.Last));
            }
        }

        return LearnedSequence;
    }

    /// <summary>
    /// Who owned <paramref name="ip"/> at <paramref name="timeUnixMs"/>. Event ranges at or after
    /// <paramref name="settledUntilUnixMs"/> are reported <see cref="OwnerLookupStatus.Pending"/> unless a heartbeat
    /// confirms them, because a late event could still split them.
    /// </summary>
    public OwnerLookup Lookup(in IpAddress ip, long timeUnixMs, long settledUntilUnixMs)
    {
        int slot = _index.Find(ip);
        return slot < 0 ? default : _index[slot].Lookup(timeUnixMs, settledUntilUnixMs);
    }

    /// <summary>Starts loading where a lookup of <paramref name="ip"/> will read, so that lookup does not wait for memory.</summary>
    internal void Prefetch(in IpAddress ip) => _index.Prefetch(ip);

    /// <summary>
    /// As <see cref="Lookup"/>, also returning the IP's history id (-1 when untracked) and its stamp (for an untracked
    /// IP, <see cref="CreatedStamp"/>) so a caller can tell later whether it changed.
    /// </summary>
    internal OwnerLookup LookupWithHistory(in IpAddress ip, long timeUnixMs, long settledUntilUnixMs, out int history, out long stamp)
    {
        int slot = _index.Find(ip);
        if (slot < 0)
        {
            (history, stamp) = (-1, CreatedStamp(ip));
            return default;
        }

        ref readonly var entry = ref _index[slot];
        (history, stamp) = (entry.Id, entry.Stamp);
        return entry.Lookup(timeUnixMs, settledUntilUnixMs);
    }

    /// <summary>
    /// As the lookup above, also answering as if <paramref name="timeUnixMs"/> had settled, from the
    /// same read (what a waiting flow will see once settled, if the history does not change).
    /// </summary>
    internal OwnerLookup LookupWithHistory(
        in IpAddress ip, long timeUnixMs, long settledUntilUnixMs, out OwnerLookup whenSettled, out int history, out long stamp)
    {
        int slot = _index.Find(ip);
        if (slot < 0)
        {
            (history, stamp, whenSettled) = (-1, CreatedStamp(ip), default);
            return default;
        }

        ref readonly var entry = ref _index[slot];
        (history, stamp) = (entry.Id, entry.Stamp);
        return entry.Lookup(timeUnixMs, settledUntilUnixMs, out whenSettled);
    }

    /// <summary>The owner of <paramref name="ip"/> at <paramref name="timeUnixMs"/>, trusting every event received so far.</summary>
    public bool TryGetOwner(in IpAddress ip, long timeUnixMs, out string workload)
    {
        var result = Lookup(ip, timeUnixMs, long.MaxValue);
        workload = result.Workload ?? string.Empty;
        return result.Status == OwnerLookupStatus.Owned;
    }

    /// <summary>Adds the ranges of <paramref name="ip"/>: event-derived owned ranges, then heartbeat ranges (end made exclusive).</summary>
    public int CopyRanges(in IpAddress ip, ICollection<OwnershipRange> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int slot = _index.Find(ip);
        if (slot < 0)
        {
            return 0;
        }

        _index[slot].SyncHistory();
        var history = _index[slot].History;
        int added = 0;
        foreach (var segment in history.DeriveSegments())
        {
            if (segment.Owner is not null)
            {
                output.Add(new OwnershipRange(segment.Owner, segment.Start, segment.End, OwnershipEvidence.Event));
                added++;
            }
        }

        foreach (var beat in history.Beats)
        {
            output.Add(new OwnershipRange(beat.Workload, beat.First, beat.Last + 1, OwnershipEvidence.Heartbeat));
            added++;
        }

        return added;
    }

    /// <summary>Drops evidence older than the retention before <paramref name="nowUnixMs"/>; returns how many IPs were forgotten.</summary>
    public int Expire(long nowUnixMs)
    {
        long horizon = nowUnixMs - (long)_options.Retention.TotalMilliseconds;
        int removed = 0;
        for (int slot = 0; slot < _index.Capacity; slot++)
        {
            // Entries are read in order (cheap); a history is visited only when it holds something old enough.
            if (!_index.IsOccupied(slot) || horizon <= _index[slot].ExpiresAfter)
            {
                continue;
            }

            ref var entry = ref _index[slot];
            entry.SyncHistory();
            if (!entry.History.Expire(horizon))
            {
                // The copy was behind (a heartbeat extended the only range in the entry alone): nothing to drop yet.
                entry.ExpiresAfter = entry.History.ExpiresAfter;
                continue;
            }

            Touch(slot);
            if (_index[slot].History.IsEmpty)
            {
                // Waiting flows blocked by it were logged by the touch above; its id may serve another IP now.
                _ids.Release(_index[slot].Id);
                _index.RemoveAt(slot);
                removed++;
            }
        }

        if (removed > 0)
        {
            _index.Trim();
            if (_ids.MostlyFree(_index.Count))
            {
                Renumber();
            }
        }

        return removed;
    }

    /// <summary>Approximate heap bytes held for tracked IPs (the index, histories, arrays).</summary>
    public long EstimateMemoryBytes()
    {
        long total = _index.ArrayBytes + _ids.ArrayBytes;
        for (int slot = 0; slot < _index.Capacity; slot++)
        {
            if (_index.IsOccupied(slot))
            {
                total += _index[slot].History.EstimateBytes();
            }
        }

        return total;
    }

    /// <summary>Numbers the tracked IPs afresh (after a large expiry) and tells the watcher every id changed.</summary>
    private void Renumber()
    {
        _ids.Reset(_index.Count);
        for (int slot = 0; slot < _index.Capacity; slot++)
        {
            if (_index.IsOccupied(slot))
            {
                ref var entry = ref _index[slot];
                entry.Id = entry.History.Id = _ids.Take();
                _ids.SetStamp(entry.Id, entry.Stamp);
            }
        }

        _changes?.Renumbered();
    }

    /// <summary>Marks the history in <paramref name="slot"/> changed: a new stamp, and fresh copies in its index entry.</summary>
    private void Touch(int slot)
    {
        _index[slot].Refresh();
        Stamp(slot);
    }

    /// <summary>Gives the IP in <paramref name="slot"/> a new stamp and tells the watcher (its entry is already up to date).</summary>
    private void Stamp(int slot)
    {
        ref var entry = ref _index[slot];
        entry.Stamp = ++Version;
        _ids.SetStamp(entry.Id, Version);
        _changes?.Changed(entry.Id);
    }

    private bool TryGetOrCreate(in IpAddress ip, out int slot)
    {
        slot = _index.Find(ip);
        if (slot >= 0)
        {
            return true;
        }

        if (_index.Count >= _options.MaxTrackedIps)
        {
            RejectedAtCapacity++;
            return false;
        }

        slot = _index.Add(ip, new IpHistory { Id = _ids.Take() });
        int bucket = CreatedBucket(ip);
        _createdStamps[bucket] = ++HistoriesCreated;
        _changes?.Created(bucket);
        return true;
    }
}
