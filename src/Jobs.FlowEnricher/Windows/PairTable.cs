namespace StreamJobs.FlowEnricher.Windows;

/// <summary>
/// The app pairs of one window: open addressing with linear probing over an array of entry numbers, the entries
/// (key, sums and RTT digest inline) dense and in insertion order. A flow touches its index slot, its entry and the
/// RTT samples; a dictionary of accumulator objects also visited the accumulator and its digest, each a likely miss.
/// Entries move when the table grows: hold a reference only until the next <see cref="GetOrAdd"/>.
/// </summary>
internal sealed class PairTable
{
    private int[] _index = new int[16];
    private PairSums[] _entries = new PairSums[8];

    /// <summary>Pairs held.</summary>
    public int Count { get; private set; }

    /// <summary>The pairs in the order they were first seen.</summary>
    public Span<PairSums> Entries => _entries.AsSpan(0, Count);

    /// <summary>The sums of (<paramref name="local"/>, <paramref name="remote"/>), added empty when new; null apps are a valid key.</summary>
    public ref PairSums GetOrAdd(string? local, string? remote)
    {
        int hash = HashCode.Combine(local?.GetHashCode() ?? 0, remote?.GetHashCode() ?? 0);
        int mask = _index.Length - 1;
        int slot = hash & mask;
        // Index slots hold entry number + 1, so 0 is empty; at most half are used, so a probe always ends.
        for (int at; (at = _index[slot]) != 0; slot = (slot + 1) & mask)
        {
            ref var entry = ref _entries[at - 1];
            if (entry.Hash == hash && string.Equals(entry.Local, local, StringComparison.Ordinal) &&
                string.Equals(entry.Remote, remote, StringComparison.Ordinal))
            {
                return ref entry;
            }
        }

        if (Count == _entries.Length)
        {
            Array.Resize(ref _entries, Count * 2);
        }

        if ((Count + 1) * 2 > _index.Length)
        {
            Grow();
            slot = FreeSlot(hash);
        }

        // The slot's RTT digest is kept: after a Clear it is empty but may hold a sample array for the new pair.
        ref var fresh = ref _entries[Count];
        fresh = new PairSums { Local = local, Remote = remote, Hash = hash, Rtt = fresh.Rtt };
        _index[slot] = ++Count;
        return ref _entries[Count - 1];
    }

    /// <summary>
    /// Empties the table for another window, keeping its arrays (a window's worth of pairs is large, often on the large
    /// object heap) and each entry's small RTT sample array for the pair that takes the entry next.
    /// </summary>
    public void Clear()
    {
        Array.Clear(_index);
        for (int i = 0; i < Count; i++)
        {
            ref var entry = ref _entries[i];
            entry.Rtt.Reset();
            entry = new PairSums { Rtt = entry.Rtt };
        }

        Count = 0;
    }

    /// <summary>Returns every entry's pooled arrays (a table that is dropped, not kept for another window).</summary>
    public void Release()
    {
        for (int i = 0; i < _entries.Length; i++)
        {
            _entries[i].Rtt.Release();
        }
    }

    private void Grow()
    {
        _index = new int[_index.Length * 2];
        for (int i = 0; i < Count; i++)
        {
            _index[FreeSlot(_entries[i].Hash)] = i + 1;
        }
    }

    private int FreeSlot(int hash)
    {
        int mask = _index.Length - 1;
        int slot = hash & mask;
        while (_index[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        return slot;
    }
}
