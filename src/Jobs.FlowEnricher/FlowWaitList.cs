using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher;

/// <summary>
/// The waiting flows of one attributor: pooled slots (a flow is copied in once and never moved), a ring of slot
/// references in arrival order with their deadlines (deadlines follow arrival, so its head is the next to expire or be
/// evicted), a heap of slots by the time they settle, and a list of settled but unresolved ("parked") slots. A slot
/// that leaves early leaves stale references behind; they are recognised by generation in a compact array (no visit
/// to the slot itself) and compacted away once they outnumber the live slots.
/// </summary>
internal sealed class FlowWaitList
{
    private readonly PriorityQueue<SlotRef, long> _settling = new();
    private WaitingFlow[] _slots = new WaitingFlow[64];
    private int[] _generations = new int[64];
    private WaitState[] _states = new WaitState[64];
    private int[] _free = new int[64];
    private int _freeCount;
    private int _used;
    private ArrivalEntry[] _arrivals = new ArrivalEntry[64];
    private int _arrivalHead;
    private int _arrivalCount;
    private SlotRef[] _parked = new SlotRef[64];
    private int _parkedCount;

    /// <summary>Live waiting flows.</summary>
    public int Count { get; private set; }

    /// <summary>The parked entries, some possibly stale (check with <see cref="IsParked"/>).</summary>
    public ReadOnlySpan<SlotRef> Parked => _parked.AsSpan(0, _parkedCount);

    public ref WaitingFlow this[int slot] => ref _slots[slot];

    /// <summary>Takes a slot for <paramref name="flow"/> at the newest end. The returned index stays valid until removed.</summary>
    public int Add(in FlowRecord flow, long deadlineMs, long settlesAtMs)
    {
        int slot = _freeCount > 0 ? _free[--_freeCount] : NewSlot();
        ref var waiting = ref _slots[slot];
        waiting.Flow = flow;
        waiting.DeadlineMs = deadlineMs;
        waiting.SettlesAtMs = settlesAtMs;
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

    /// <summary>Waits for the slot's start to settle (or its deadline, whichever comes first).</summary>
    public void Settle(int slot)
    {
        ref readonly var waiting = ref _slots[slot];
        _states[slot] = WaitState.Settling;
        _settling.Enqueue(new SlotRef(slot, _generations[slot]), Math.Min(waiting.SettlesAtMs, waiting.DeadlineMs));
        if (_settling.Count > (2 * Count) + 1024)
        {
            RebuildSettling();
        }
    }

    /// <summary>Marks a settled, unresolved slot to be re-checked when its blocking history changes.</summary>
    public void Park(int slot)
    {
        _states[slot] = WaitState.Parked;
        if (_parkedCount == _parked.Length)
        {
            CompactParked();
            if (_parkedCount * 2 > _parked.Length)
            {
                Array.Resize(ref _parked, _parked.Length * 2);
            }
        }

        _parked[_parkedCount++] = new SlotRef(slot, _generations[slot]);
    }

    /// <summary>Takes the next slot whose settle time is at or before <paramref name="nowMs"/>.</summary>
    public bool TryTakeSettled(long nowMs, out int slot)
    {
        while (_settling.TryPeek(out var entry, out long at) && at <= nowMs)
        {
            _settling.Dequeue();
            if (_generations[entry.Slot] == entry.Generation && _states[entry.Slot] == WaitState.Settling)
            {
                slot = entry.Slot;
                return true;
            }
        }

        slot = -1;
        return false;
    }

    /// <summary>True when the entry still names a parked slot.</summary>
    public bool IsParked(SlotRef entry) => _generations[entry.Slot] == entry.Generation && _states[entry.Slot] == WaitState.Parked;

    /// <summary>Drops the entries of <see cref="Parked"/> whose slot resolved or left.</summary>
    public void CompactParked()
    {
        int kept = 0;
        for (int i = 0; i < _parkedCount; i++)
        {
            if (IsParked(_parked[i]))
            {
                _parked[kept++] = _parked[i];
            }
        }

        _parkedCount = kept;
    }

    /// <summary>Frees the slot: bumps its generation (stale references die) and drops its references.</summary>
    public void Remove(int slot)
    {
        _slots[slot] = default;
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
            if (_states[slot] != WaitState.Free && match(_slots[slot].Flow))
            {
                Remove(slot);
                removed++;
            }
        }

        if (removed > 0)
        {
            CompactParked();
        }

        return removed;
    }

    private bool IsLive(int slot, int generation) => _generations[slot] == generation && _states[slot] != WaitState.Free;

    private int NewSlot()
    {
        if (_used == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
            Array.Resize(ref _generations, _slots.Length);
            Array.Resize(ref _states, _slots.Length);
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

    private void RebuildSettling()
    {
        _settling.Clear();
        for (int slot = 0; slot < _used; slot++)
        {
            if (_states[slot] == WaitState.Settling)
            {
                ref readonly var waiting = ref _slots[slot];
                _settling.Enqueue(new SlotRef(slot, _generations[slot]), Math.Min(waiting.SettlesAtMs, waiting.DeadlineMs));
            }
        }
    }

    /// <summary>A slot in arrival order, with its deadline so the deadline check needs no visit to the slot.</summary>
    private readonly record struct ArrivalEntry(int Slot, int Generation, long DeadlineMs);
}
