using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher;

/// <summary>
/// The waiting flows of one attributor: pooled slots (a flow is copied in once and never moved), linked in arrival
/// order (deadlines follow arrival, so the oldest is the next to expire or be evicted), a heap of slots by the time
/// they settle, and a list of settled but unresolved ("parked") slots. Stale heap and parked entries (their slot left
/// early) are skipped by generation and compacted once they outnumber the live slots.
/// </summary>
internal sealed class FlowWaitList
{
    private const int Nil = -1;

    private readonly PriorityQueue<SlotRef, long> _settling = new();
    private WaitingFlow[] _slots = new WaitingFlow[64];
    private int[] _free = new int[64];
    private int _freeCount;
    private int _used;
    private int _newest = Nil;
    private SlotRef[] _parked = new SlotRef[64];
    private int _parkedCount;

    /// <summary>Live waiting flows.</summary>
    public int Count { get; private set; }

    /// <summary>The slot that arrived first, or -1 when empty.</summary>
    public int Oldest { get; private set; } = Nil;

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
        waiting.Previous = _newest;
        waiting.Next = Nil;
        if (_newest == Nil)
        {
            Oldest = slot;
        }
        else
        {
            _slots[_newest].Next = slot;
        }

        _newest = slot;
        Count++;
        return slot;
    }

    /// <summary>Waits for the slot's start to settle (or its deadline, whichever comes first).</summary>
    public void Settle(int slot)
    {
        ref var waiting = ref _slots[slot];
        waiting.State = WaitState.Settling;
        _settling.Enqueue(new SlotRef(slot, waiting.Generation), Math.Min(waiting.SettlesAtMs, waiting.DeadlineMs));
        if (_settling.Count > (2 * Count) + 1024)
        {
            RebuildSettling();
        }
    }

    /// <summary>Marks a settled, unresolved slot to be re-checked when its blocking history changes.</summary>
    public void Park(int slot)
    {
        ref var waiting = ref _slots[slot];
        waiting.State = WaitState.Parked;
        if (_parkedCount == _parked.Length)
        {
            CompactParked();
            if (_parkedCount * 2 > _parked.Length)
            {
                Array.Resize(ref _parked, _parked.Length * 2);
            }
        }

        _parked[_parkedCount++] = new SlotRef(slot, waiting.Generation);
    }

    /// <summary>Takes the next slot whose settle time is at or before <paramref name="nowMs"/>.</summary>
    public bool TryTakeSettled(long nowMs, out int slot)
    {
        while (_settling.TryPeek(out var entry, out long at) && at <= nowMs)
        {
            _settling.Dequeue();
            ref readonly var waiting = ref _slots[entry.Slot];
            if (waiting.Generation == entry.Generation && waiting.State == WaitState.Settling)
            {
                slot = entry.Slot;
                return true;
            }
        }

        slot = Nil;
        return false;
    }

    /// <summary>True when the entry still names a parked slot.</summary>
    public bool IsParked(SlotRef entry) =>
        _slots[entry.Slot].Generation == entry.Generation && _slots[entry.Slot].State == WaitState.Parked;

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

    /// <summary>Frees the slot: unlinks it, bumps its generation (stale references die) and drops its references.</summary>
    public void Remove(int slot)
    {
        ref var waiting = ref _slots[slot];
        if (waiting.Previous == Nil)
        {
            Oldest = waiting.Next;
        }
        else
        {
            _slots[waiting.Previous].Next = waiting.Next;
        }

        if (waiting.Next == Nil)
        {
            _newest = waiting.Previous;
        }
        else
        {
            _slots[waiting.Next].Previous = waiting.Previous;
        }

        int generation = waiting.Generation + 1;
        waiting = default;
        waiting.Generation = generation;
        if (_freeCount == _free.Length)
        {
            Array.Resize(ref _free, _free.Length * 2);
        }

        _free[_freeCount++] = slot;
        Count--;
    }

    private int NewSlot()
    {
        if (_used == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
        }

        return _used++;
    }

    private void RebuildSettling()
    {
        _settling.Clear();
        for (int slot = Oldest; slot != Nil; slot = _slots[slot].Next)
        {
            ref readonly var waiting = ref _slots[slot];
            if (waiting.State == WaitState.Settling)
            {
                _settling.Enqueue(new SlotRef(slot, waiting.Generation), Math.Min(waiting.SettlesAtMs, waiting.DeadlineMs));
            }
        }
    }
}
