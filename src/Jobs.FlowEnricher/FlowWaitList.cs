using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher;

/// <summary>
/// The waiting flows of one attributor: pooled slots (a flow is copied in once and never moved), a ring of slot
/// references in arrival order with their deadlines (deadlines follow arrival, so its head is the next to expire or be
/// evicted), a timer wheel of slots by the time they settle, and settled but unresolved ("parked") slots linked into
/// one list per blocking history (or, for an untracked IP, per creation bucket), so a change wakes only its own flows.
/// A slot that leaves early leaves a stale ring reference behind; it is recognised by generation in a compact array
/// (no visit to the slot itself) and compacted away once they outnumber the live slots; it leaves the wheel and its
/// parked list at once (both are doubly linked).
/// </summary>
internal sealed class FlowWaitList
{
    // Split so the checks walk small state slots (~56 B); the ~150 B records are read on a check for their
    // addresses and start and copied out once when the flow is emitted.
    private WaitingFlow[] _slots = new WaitingFlow[64];
    private FlowRecord[] _flows = new FlowRecord[64];
    private int[] _generations = new int[64];
    private WaitState[] _states = new WaitState[64];
    private int[] _free = new int[64];
    private int _freeCount;
    private int _used;
    private ArrivalEntry[] _arrivals = new ArrivalEntry[64];
    private int _arrivalHead;
    private int _arrivalCount;
    private readonly ParkedLists _parked;
    private readonly SettleWheel _settling = new(64);
    private readonly List<int> _dueSlots = [];
    private readonly List<SlotRef> _due = [];
    private int _dueTaken;

    public FlowWaitList(int buckets) => _parked = new ParkedLists(buckets, 64);

    /// <summary>Live waiting flows.</summary>
    public int Count { get; private set; }

    /// <summary>Parked flows.</summary>
    public int ParkedCount => _parked.Count;

    public ref WaitingFlow this[int slot] => ref _slots[slot];

    /// <summary>The flow waiting in <paramref name="slot"/>.</summary>
    public ref readonly FlowRecord FlowAt(int slot) => ref _flows[slot];

    /// <summary>Takes a slot for <paramref name="flow"/> at the newest end. The returned index stays valid until removed.</summary>
    public int Add(in FlowRecord flow, long deadlineMs)
    {
        int slot = _freeCount > 0 ? _free[--_freeCount] : NewSlot();
        _flows[slot] = flow;
        if (_arrivalCount == _arrivals.Length)
        {
            CompactArrivals();
        }

        _arrivals[(_arrivalHead + _arrivalCount++) & (_arrivals.Length - 1)] = new ArrivalEntry(slot, _generations[slot], deadlineMs);
        Count++;
        return slot;
    }

    /// <summary>The live slot that arrived first and its deadline; false when none waits.</summary>
    public bool TryPeekOldest(out int slot, out long deadlineMs)
    {
        while (_arrivalCount > 0)
        {
            var entry = _arrivals[_arrivalHead];
            if (IsLive(entry.Slot, entry.Generation))
            {
                (slot, deadlineMs) = (entry.Slot, entry.DeadlineMs);
                return true;
            }

            _arrivalHead = (_arrivalHead + 1) & (_arrivals.Length - 1);
            _arrivalCount--;
        }

        (slot, deadlineMs) = (-1, long.MaxValue);
        return false;
    }

    /// <summary>Waits until <paramref name="dueMs"/> (when the slot's start settles, or its deadline if earlier).</summary>
    public void Settle(int slot, long dueMs)
    {
        _states[slot] = WaitState.Settling;
        _settling.Add(slot, dueMs);
    }

    /// <summary>
    /// Marks a settled, unresolved slot to be re-checked when history <paramref name="blocker"/> changes, or, when the
    /// blocking IP is untracked (-1), when a history is created in its <paramref name="bucket"/>.
    /// </summary>
    public void Park(int slot, int blocker, int bucket)
    {
        _states[slot] = WaitState.Parked;
        _parked.Link(slot, blocker, bucket);
    }

    /// <summary>Unparks every slot blocked by <paramref name="blocker"/> and adds them to <paramref name="woken"/>.</summary>
    public void Wake(int blocker, List<int> woken) => MarkWoken(woken, _parked.TakeHistory(blocker, woken));

    /// <summary>Unparks every slot blocked by an untracked IP of <paramref name="bucket"/> and adds them to <paramref name="woken"/>.</summary>
    public void WakeBucket(int bucket, List<int> woken) => MarkWoken(woken, _parked.TakeBucket(bucket, woken));

    /// <summary>Unparks every parked slot and adds them to <paramref name="woken"/>.</summary>
    public void WakeAll(List<int> woken) => MarkWoken(woken, _parked.TakeEverything(woken));

    private void MarkWoken(List<int> woken, int from)
    {
        for (int i = from; i < woken.Count; i++)
        {
            _states[woken[i]] = WaitState.Woken;
        }
    }

    /// <summary>Takes the next slot whose settle time is at or before <paramref name="nowMs"/>.</summary>
    public bool TryTakeSettled(long nowMs, out int slot)
    {
        if (_dueTaken == _due.Count)
        {
            _due.Clear();
            _dueTaken = 0;
            _settling.TakeDue(nowMs, _dueSlots);
            foreach (int due in _dueSlots)
            {
                // Out of the wheel, about to be checked (then parked or removed).
                _states[due] = WaitState.Woken;
                _due.Add(new SlotRef(due, _generations[due]));
            }

            _dueSlots.Clear();
        }

        while (_dueTaken < _due.Count)
        {
            var entry = _due[_dueTaken++];
            if (_generations[entry.Slot] == entry.Generation)
            {
                slot = entry.Slot;
                return true;
            }
        }

        slot = -1;
        return false;
    }

    /// <summary>
    /// Starts loading the state and the record of the slot <see cref="TryTakeSettled"/> returns next, so its check does
    /// not wait for them: due slots come scattered over the pool (~2 MB at 10k waiting flows, beyond the L2 cache).
    /// </summary>
    public void PrefetchNextSettled()
    {
        if (_dueTaken == _due.Count)
        {
            return;
        }

        int slot = _due[_dueTaken].Slot;
        CacheLines.Prefetch(ref _slots[slot]);
        CacheLines.Prefetch(ref _flows[slot]);
    }

    /// <summary>Frees the slot: bumps its generation (stale references die) and drops its references.</summary>
    public void Remove(int slot)
    {
        if (_states[slot] == WaitState.Parked)
        {
            _parked.Unlink(slot);
        }
        else if (_states[slot] == WaitState.Settling)
        {
            _settling.Remove(slot);
        }

        _slots[slot] = default;
        _flows[slot] = default;
        _generations[slot]++;
        _states[slot] = WaitState.Free;
        if (_freeCount == _free.Length)
        {
            Array.Resize(ref _free, _free.Length * 2);
        }

        _free[_freeCount++] = slot;
        Count--;
    }

    /// <summary>
    /// Frees every live slot whose flow <paramref name="match"/> accepts (it sees each live flow once, before its slot
    /// is freed) and returns how many left. Walks every slot: for rare events (a partition handed off), not per flow.
    /// </summary>
    public int RemoveWhere(Func<FlowRecord, bool> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        int removed = 0;
        for (int slot = 0; slot < _used; slot++)
        {
            if (_states[slot] != WaitState.Free && match(_flows[slot]))
            {
                Remove(slot);
                removed++;
            }
        }

        return removed;
    }

    private bool IsLive(int slot, int generation) => _generations[slot] == generation && _states[slot] != WaitState.Free;

    private int NewSlot()
    {
        if (_used == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
            Array.Resize(ref _flows, _slots.Length);
            Array.Resize(ref _generations, _slots.Length);
            Array.Resize(ref _states, _slots.Length);
            _parked.Grow(_slots.Length);
            _settling.Grow(_slots.Length);
        }

        return _used++;
    }

    /// <summary>Drops stale references from the full ring, keeping arrival order; grows it when most are live.</summary>
    private void CompactArrivals()
    {
        int mask = _arrivals.Length - 1;
        int kept = 0;
        if (Count * 2 <= _arrivalCount)
        {
            // In place: reading index i is always at or ahead of writing index kept.
            for (int i = 0; i < _arrivalCount; i++)
            {
                var entry = _arrivals[(_arrivalHead + i) & mask];
                if (IsLive(entry.Slot, entry.Generation))
                {
                    _arrivals[(_arrivalHead + kept++) & mask] = entry;
                }
            }
        }
        else
        {
            var target = new ArrivalEntry[_arrivals.Length * 2];
            for (int i = 0; i < _arrivalCount; i++)
            {
                var entry = _arrivals[(_arrivalHead + i) & mask];
                if (IsLive(entry.Slot, entry.Generation))
                {
                    target[kept++] = entry;
                }
            }

            _arrivals = target;
            _arrivalHead = 0;
        }

        _arrivalCount = kept;
    }

    /// <summary>A slot in arrival order, with its deadline so the deadline check needs no visit to the slot.</summary>
    private readonly record struct ArrivalEntry(int Slot, int Generation, long DeadlineMs);
}
