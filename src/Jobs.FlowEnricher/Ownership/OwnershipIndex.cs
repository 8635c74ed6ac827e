using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Ownership;

/// <summary>
/// The per-IP index of <see cref="IpOwnershipTable"/>: open addressing with linear probing over one array of
/// <see cref="IndexEntry"/> (key and newest ranges inline) and a byte of control per slot (empty, deleted, or 7 bits of
/// the hash). The control bytes are small enough to stay in cache, so a hit usually costs one miss, on its entry,
/// where a <see cref="Dictionary{TKey, TValue}"/> of history objects costs a bucket, an entry and the object.
/// Slots move when the index grows: hold one only until the next <see cref="Add"/>.
/// </summary>
internal sealed class OwnershipIndex
{
    private const byte Empty = 0;
    private const byte Deleted = 1;

    private byte[] _control = new byte[16];
    private IndexEntry[] _entries = new IndexEntry[16];
    private int _deleted;

    /// <summary>IPs held.</summary>
    public int Count { get; private set; }

    /// <summary>Slots, occupied or not (for walking with <see cref="IsOccupied"/>).</summary>
    public int Capacity => _control.Length;

    /// <summary>Bytes of the two arrays.</summary>
    public long ArrayBytes => 48 + _control.Length + ((long)_entries.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<IndexEntry>());

    public ref IndexEntry this[int slot] => ref _entries[slot];

    public bool IsOccupied(int slot) => _control[slot] > Deleted;

    /// <summary>The slot holding <paramref name="ip"/>, or -1.</summary>
    public int Find(in IpAddress ip)
    {
        uint hash = (uint)ip.GetHashCode();
        byte tag = Tag(hash);
        var control = _control;
        int mask = control.Length - 1;
        for (int slot = (int)(hash & (uint)mask); ; slot = (slot + 1) & mask)
        {
            byte c = control[slot];
            if (c == Empty)
            {
                return -1;
            }

            if (c == tag && _entries[slot].Key.Equals(ip))
            {
                return slot;
            }
        }
    }

    /// <summary>
    /// Starts loading the home slot of <paramref name="ip"/> (its control byte and entry) into the cache without waiting
    /// for it: at 100k IPs the entries (~12 MB) miss the cache, and a lookup that follows soon finds them loaded.
    /// </summary>
    public void Prefetch(in IpAddress ip)
    {
        int slot = (int)((uint)ip.GetHashCode() & (uint)(_control.Length - 1));
        CacheLines.Prefetch(ref _control[slot]);
        CacheLines.Prefetch(ref _entries[slot]);
    }

    /// <summary>Adds <paramref name="ip"/>, known to be absent, and returns its slot.</summary>
    public int Add(in IpAddress ip, IpHistory history)
    {
        // At most seven eighths used or deleted, so a probe always meets an empty slot. Probes scan the control bytes
        // (a miss reads ~32 of them at the limit, half a cache line) and visit an entry only on a tag match, so a
        // fuller index costs little time, while each 96-byte entry slot left empty costs memory: three quarters
        // left a table of 100k IPs in 262k slots (250 B per IP for the index alone).
        if ((Count + _deleted + 1) * 8 > _control.Length * 7)
        {
            Resize(Count * 2 >= _control.Length / 2 ? _control.Length * 2 : _control.Length);
        }

        int slot = Place(ip);
        if (_control[slot] == Deleted)
        {
            _deleted--;
        }

        _control[slot] = Tag((uint)ip.GetHashCode());
        _entries[slot] = new IndexEntry { Key = ip, History = history };
        _entries[slot].Refresh();
        Count++;
        return slot;
    }

    /// <summary>Removes the IP in <paramref name="slot"/>; other slots keep their place (safe while walking).</summary>
    public void RemoveAt(int slot)
    {
        _control[slot] = Deleted;
        _entries[slot] = default;
        _deleted++;
        Count--;
    }

    /// <summary>Gives memory back after many removals (an expiry): shrinks when under an eighth is used.</summary>
    public void Trim()
    {
        int capacity = (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Count * 2));
        if (capacity * 4 <= _control.Length)
        {
            Resize(capacity);
        }
    }

    // Occupied tags have the top bit set, so they never equal Empty or Deleted.
    private static byte Tag(uint hash) => (byte)((hash >> 25) | 0x80);

    private int Place(in IpAddress ip)
    {
        int mask = _control.Length - 1;
        int slot = (int)((uint)ip.GetHashCode() & (uint)mask);
        while (_control[slot] > Deleted)
        {
            slot = (slot + 1) & mask;
        }

        return slot;
    }

    private void Resize(int capacity)
    {
        var control = _control;
        var entries = _entries;
        _control = new byte[capacity];
        _entries = new IndexEntry[capacity];
        _deleted = 0;
        for (int slot = 0; slot < control.Length; slot++)
        {
            if (control[slot] > Deleted)
            {
                int target = Place(entries[slot].Key);
                _control[target] = control[slot];
                _entries[target] = entries[slot];
            }
        }
    }
}
