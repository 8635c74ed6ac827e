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
    // Rough cost of one Dictionary entry (key 16 + value 8 + hash/next 8 + bucket 4).
    private const int DictionaryEntryBytes = 36;

    private const int CreatedBuckets = 4096;

    private readonly Dictionary<IpAddress, IpHistory> _histories = [];
    private readonly long[] _createdStamps = new long[CreatedBuckets];
    private readonly IpOwnershipTableOptions _options;
    private readonly WorkloadNameTable _names;
    private readonly long _gapMs;

    /// <summary>Creates a table; workload names are interned in <paramref name="names"/> (a private table when null).</summary>
    public IpOwnershipTable(IpOwnershipTableOptions? options = null, WorkloadNameTable? names = null)
    {
        _options = options ?? new IpOwnershipTableOptions();
        _names = names ?? new WorkloadNameTable();
        _gapMs = (long)_options.HeartbeatMaxGap.TotalMilliseconds;
    }

    /// <summary>IPs with any evidence.</summary>
    public int TrackedIps => _histories.Count;

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
    internal long CreatedStamp(in IpAddress ip) => _createdStamps[ip.GetHashCode() & (CreatedBuckets - 1)];

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
        if (!TryGetOrCreate(ownershipEvent.Ip, out var history))
        {
            return;
        }

        string workload = _names.Intern(ownershipEvent.Workload);
        if (history.AddEvent(ownershipEvent.TimestampUnixMs, workload, ownershipEvent.Change, _options.MaxEventsPerIp))
        {
            EventsApplied++;
            history.Touch(++Version);
        }
        else
        {
            DuplicateEvents++;
        }
    }

    /// <summary>Records that <paramref name="workload"/> owned <paramref name="ip"/> throughout [first, last] (e.g. one flow's interval).</summary>
    public void RecordHeartbeat(in IpAddress ip, string workload, long firstUnixMs, long lastUnixMs)
    {
        if (lastUnixMs < firstUnixMs || !TryGetOrCreate(ip, out var history))
        {
            return;
        }

        bool changed = history.AddBeat(workload, firstUnixMs, lastUnixMs, _gapMs, _options.MaxHeartbeatRangesPerIp, out bool conflict);
        if (changed)
        {
            history.BeatSequence = ++LearnedSequence;
        }

        if (conflict)
        {
            HeartbeatConflicts++;
        }

        // A conflict cuts a range even when nothing was added; either way waiting flows on this IP must look again.
        if (changed || conflict)
        {
            history.Touch(++Version);
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
        foreach (var (ip, history) in _histories)
        {
            if (history.BeatSequence <= sequence)
            {
                continue;
            }

            foreach (var beat in history.Beats)
            {
                output.Add(new LearnedRange(ip, beat.Workload, beat.First, beat.Last));
            }
        }

        return LearnedSequence;
    }

    /// <summary>
    /// Who owned <paramref name="ip"/> at <paramref name="timeUnixMs"/>. Event ranges at or after
    /// <paramref name="settledUntilUnixMs"/> are reported <see cref="OwnerLookupStatus.Pending"/> unless a heartbeat
    /// confirms them, because a late event could still split them.
    /// </summary>
    public OwnerLookup Lookup(in IpAddress ip, long timeUnixMs, long settledUntilUnixMs) =>
        _histories.TryGetValue(ip, out var history)
            ? history.Lookup(timeUnixMs, settledUntilUnixMs)
            : default;

    /// <summary>As <see cref="Lookup"/>, also returning the IP's history (null when untracked) so a caller can tell later whether it changed.</summary>
    internal OwnerLookup LookupWithHistory(in IpAddress ip, long timeUnixMs, long settledUntilUnixMs, out IpHistory? history) =>
        _histories.TryGetValue(ip, out history)
            ? history.Lookup(timeUnixMs, settledUntilUnixMs)
            : default;

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
        if (!_histories.TryGetValue(ip, out var history))
        {
            return 0;
        }

        int added = 0;
        foreach (var segment in history.Segments)
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
        foreach (var (ip, history) in _histories)
        {
            if (!history.Expire(horizon))
            {
                continue;
            }

            history.Touch(++Version);
            if (history.IsEmpty)
            {
                _histories.Remove(ip);
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Approximate heap bytes held for tracked IPs (dictionary entries, histories, arrays).</summary>
    public long EstimateMemoryBytes()
    {
        long total = 0;
        foreach (var history in _histories.Values)
        {
            total += DictionaryEntryBytes + history.EstimateBytes();
        }

        return total;
    }

    private bool TryGetOrCreate(in IpAddress ip, out IpHistory history)
    {
        if (_histories.TryGetValue(ip, out history!))
        {
            return true;
        }

        if (_histories.Count >= _options.MaxTrackedIps)
        {
            RejectedAtCapacity++;
            return false;
        }

        history = new IpHistory();
        _histories.Add(ip, history);
        _createdStamps[ip.GetHashCode() & (CreatedBuckets - 1)] = ++HistoriesCreated;
        return true;
    }
}
