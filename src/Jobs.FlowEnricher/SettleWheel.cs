namespace StreamJobs.FlowEnricher;

/// <summary>
/// The waiting flows of a <see cref="FlowWaitList"/> that wait for their start to settle, by due time: a ring of
/// 64 ms buckets (a timer wheel) with each bucket a doubly linked list through per-slot arrays. Adding and leaving are
/// constant time and take no heap sifting; a take walks the buckets that fell due since the last one (about 16 per
/// second) and scans only the bucket holding "now" entry by entry, so exactly the slots due at or before now leave.
/// Every slot lies in the window of ring-many buckets from the cursor; the ring grows when a due time falls beyond it.
/// </summary>
internal sealed class SettleWheel
{
    private const int Shift = 6;

    private int[] _heads = NewHeads(512);
    private int[] _next;
    private int[] _prev;
    private long[] _due;
    private long _cursor = long.MinValue;

    public SettleWheel(int slots) => (_next, _prev, _due) = (new int[slots], new int[slots], new long[slots]);

    /// <summary>Slots in the wheel.</summary>
    public int Count { get; private set; }

    /// <summary>Makes room for slots up to <paramref name="slots"/>.</summary>
    public void Grow(int slots)
    {
        Array.Resize(ref _next, slots);
        Array.Resize(ref _prev, slots);
        Array.Resize(ref _due, slots);
    }

    /// <summary>Adds <paramref name="slot"/>, due at <paramref name="dueMs"/>.</summary>
    public void Add(int slot, long dueMs)
    {
        _due[slot] = dueMs;
        long bucket = dueMs >> Shift;
        if (Count == 0)
        {
            _cursor = bucket;
        }

        // A due time already behind the cursor is due at the next take: it joins the cursor's bucket.
        bucket = Math.Max(bucket, _cursor);
        if (bucket - _cursor >= _heads.Length)
        {
            Widen(bucket - _cursor + 1);
        }

        Link(slot, (int)(bucket & (_heads.Length - 1)));
        Count++;
    }

    /// <summary>Takes <paramref name="slot"/> out before it is due.</summary>
    public void Remove(int slot)
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
        else
        {
            _heads[Bucket(slot)] = next;
        }

        Count--;
    }

    /// <summary>Moves every slot due at or before <paramref name="nowMs"/> into <paramref name="due"/>.</summary>
    public void TakeDue(long nowMs, List<int> due)
    {
        long now = nowMs >> Shift;
        if (Count == 0)
        {
            _cursor = long.MinValue;
            return;
        }

        // Whole buckets before now's are due; beyond the ring's width from the cursor there are no slots.
        long last = Math.Min(now - 1, _cursor + _heads.Length - 1);
        for (; _cursor <= last && Count > 0; _cursor++)
        {
            int index = (int)(_cursor & (_heads.Length - 1));
            for (int slot = _heads[index]; slot >= 0; slot = _next[slot])
            {
                due.Add(slot);
                Count--;
            }

            _heads[index] = -1;
        }

        if (Count == 0)
        {
            _cursor = long.MinValue;
            return;
        }

        _cursor = Math.Max(_cursor, now);
        if (_cursor != now)
        {
            return;
        }

        for (int slot = _heads[(int)(now & (_heads.Length - 1))]; slot >= 0;)
        {
            int next = _next[slot];
            if (_due[slot] <= nowMs)
            {
                Remove(slot);
                due.Add(slot);
            }

            slot = next;
        }
    }

    private int Bucket(int slot) => (int)(Math.Max(_due[slot] >> Shift, _cursor) & (_heads.Length - 1));

    private void Link(int slot, int index)
    {
        int head = _heads[index];
        (_prev[slot], _next[slot]) = (-1, head);
        if (head >= 0)
        {
            _prev[head] = slot;
        }

        _heads[index] = slot;
    }

    /// <summary>Grows the ring to cover <paramref name="buckets"/> from the cursor, re-linking every slot.</summary>
    private void Widen(long buckets)
    {
        var old = _heads;
        _heads = NewHeads((int)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)buckets));
        foreach (int head in old)
        {
            for (int slot = head; slot >= 0;)
            {
                int next = _next[slot];
                Link(slot, Bucket(slot));
                slot = next;
            }
        }
    }

    private static int[] NewHeads(int length)
    {
        var heads = new int[length];
        Array.Fill(heads, -1);
        return heads;
    }
}
