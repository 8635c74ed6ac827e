using StreamJobs.FlowEnricher.Ownership;

namespace StreamJobs.FlowEnricher;

/// <summary>
/// The parked waiting flows of a <see cref="FlowWaitList"/>, by what blocks them: one doubly linked list (through
/// per-slot arrays) per blocking history, headed in an array by the history's id (<see cref="HistoryIds"/>), and one
/// per creation bucket for untracked IPs. A change takes a whole list
/// at once; a flow that resolves or leaves unlinks itself in constant time.
/// </summary>
internal sealed class ParkedLists
{
    private readonly int[] _bucketHeads;
    private int[] _historyHeads = [];
    private int[] _next;
    private int[] _prev;
    private int[] _bucketOf;
    private int[] _blockerOf;

    public ParkedLists(int buckets, int slots)
    {
        _bucketHeads = new int[buckets];
        Array.Fill(_bucketHeads, -1);
        (_next, _prev, _bucketOf, _blockerOf) = (new int[slots], new int[slots], new int[slots], new int[slots]);
    }

    /// <summary>Slots linked now.</summary>
    public int Count { get; private set; }

    /// <summary>Makes room for slots up to <paramref name="slots"/>.</summary>
    public void Grow(int slots)
    {
        Array.Resize(ref _next, slots);
        Array.Resize(ref _prev, slots);
        Array.Resize(ref _bucketOf, slots);
        Array.Resize(ref _blockerOf, slots);
    }

    /// <summary>Links <paramref name="slot"/> into the list of history <paramref name="blocker"/>, or of <paramref name="bucket"/> when -1.</summary>
    public void Link(int slot, int blocker, int bucket)
    {
        _blockerOf[slot] = blocker;
        _bucketOf[slot] = bucket;
        ref int headRef = ref blocker < 0 ? ref _bucketHeads[bucket] : ref HistoryHead(blocker);
        int head = headRef;
        headRef = slot;

        (_prev[slot], _next[slot]) = (-1, head);
        if (head >= 0)
        {
            _prev[head] = slot;
        }

        Count++;
    }

    /// <summary>Unlinks every slot blocked by <paramref name="blocker"/> into <paramref name="taken"/>; returns where they start in it.</summary>
    public int TakeHistory(int blocker, List<int> taken)
    {
        int from = taken.Count;
        if (blocker < _historyHeads.Length)
        {
            int head = _historyHeads[blocker];
            _historyHeads[blocker] = -1;
            TakeFrom(head, taken);
        }

        return from;
    }

    /// <summary>Unlinks every slot of <paramref name="bucket"/> into <paramref name="taken"/>; returns where they start in it.</summary>
    public int TakeBucket(int bucket, List<int> taken)
    {
        int from = taken.Count;
        int head = _bucketHeads[bucket];
        _bucketHeads[bucket] = -1;
        TakeFrom(head, taken);
        return from;
    }

    /// <summary>Unlinks every parked slot into <paramref name="taken"/> (the history ids were renumbered); returns where they start.</summary>
    public int TakeEverything(List<int> taken)
    {
        int from = taken.Count;
        foreach (int head in _historyHeads)
        {
            TakeFrom(head, taken);
        }

        _historyHeads = [];
        for (int bucket = 0; bucket < _bucketHeads.Length; bucket++)
        {
            TakeFrom(_bucketHeads[bucket], taken);
            _bucketHeads[bucket] = -1;
        }

        return from;
    }

    /// <summary>Takes one linked slot out of its list.</summary>
    public void Unlink(int slot)
    {
        int prev = _prev[slot], next = _next[slot];
        if (next >= 0)
        {
            _prev[next] = prev;
        }

        if (prev >= 0)
        {
            _next[prev] = next;
        }
        else if (_blockerOf[slot] >= 0)
        {
            _historyHeads[_blockerOf[slot]] = next;
        }
        else
        {
            _bucketHeads[_bucketOf[slot]] = next;
        }

        Count--;
    }

    private ref int HistoryHead(int blocker)
    {
        if (blocker >= _historyHeads.Length)
        {
            int old = _historyHeads.Length;
            Array.Resize(ref _historyHeads, Math.Max(blocker + 1, Math.Max(64, old * 2)));
            Array.Fill(_historyHeads, -1, old, _historyHeads.Length - old);
        }

        return ref _historyHeads[blocker];
    }

    private void TakeFrom(int head, List<int> taken)
    {
        for (int slot = head; slot >= 0; slot = _next[slot])
        {
            Count--;
            taken.Add(slot);
        }
    }
}
