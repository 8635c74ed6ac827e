using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Ownership;

/// <summary>
/// The per-IP index of <see cref="IpOwnershipTable"/>: open addressing with linear probing over one array of
/// <see cref="IndexEntry"/> (key and newest ranges inline) and a byte of control per slot (empty, deleted, or 7 bits of
/// the hash). The control bytes are small enough to stay in cache, so a hit usually costs one miss, on its entry,
/// where a <see cref="Dictionary{TKey, TValue}"/> of history objects costs a bucket, an entry and the object.
/// Entries are one cache line each and start on a line: they live in a pinned buffer (it never moves, so the
/// alignment found when it is allocated holds), one line more than needed so the first entry can start on a line.
/// An unaligned array would put most 64-byte entries across two lines, two misses per lookup.
/// Slots move when the index grows: hold one only until the next <see cref="Add"/>.
/// </summary>
internal sealed class OwnershipIndex
{
    private const byte Empty = 0;
    private const byte Deleted = 1;
    private const int Line = 64;

    private byte[] _control = new byte[16];
    private byte[] _entries = null!;
    private int _firstEntry;
    private int _deleted;

    public OwnershipIndex() => (_entries, _firstEntry) = AllocateEntries(16);

    /// <summary>IPs held.</summary>
    public int Count { get; private set; }

    /// <summary>Slots, occupied or not (for walking with <see cref="IsOccupied"/>).</summary>
    public int Capacity => _control.Length;

    /// <summary>Bytes of the two arrays.</summary>
    public long ArrayBytes => 48 + _control.Length + _entries.LongLength;

    /// <summary>The entry in <paramref name="slot"/> (below <see cref="Capacity"/>: not checked, this is the lookup path).</summary>
    public ref IndexEntry this[int slot] =>
        ref Unsafe.As<byte, IndexEntry>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_entries), _firstEntry + (slot * Line)));

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

            if (c == tag && this[slot].Key.Equals(ip))
            {
                return slot;
            }
        }
    }

    /// <summary>
    /// Starts loading the home slot of <paramref name="ip"/> (its control byte and entry) into the cache without waiting
    /// for it: at 100k IPs the entries (~8 MB) miss the cache, and a lookup that follows soon finds them loaded.
    /// </summary>
    public unsafe void Prefetch(in IpAddress ip)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        int slot = (int)((uint)ip.GetHashCode() & (uint)(_control.Length - 1));
        // Unpinned addresses: if the GC moved the arrays meanwhile, a prefetch of a stale address is harmless (it never
        // faults and changes nothing).
        Sse.Prefetch0(Unsafe.AsPointer(ref _control[slot]));
        Sse.Prefetch0(Unsafe.AsPointer(ref this[slot]));
    }

    /// <summary>Adds <paramref name="ip"/>, known to be absent, with history id <paramref name="id"/> and no evidence yet; returns its slot.</summary>
    public int Add(in IpAddress ip, int id)
    {
        // At most seven eighths used or deleted, so a probe always meets an empty slot. Probes scan the control bytes
        // (a miss reads ~32 of them at the limit, half a cache line) and visit an entry only on a tag match, so a
        // fuller index costs little time, while each 64-byte entry slot left empty costs memory: three quarters
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
        this[slot] = IndexEntry.Empty(ip, id);
        Count++;
        return slot;
    }

    /// <summary>Removes the IP in <paramref name="slot"/>; other slots keep their place (safe while walking).</summary>
    public void RemoveAt(int slot)
    {
        _control[slot] = Deleted;
        this[slot] = default;
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
        int firstEntry = _firstEntry;
        _control = new byte[capacity];
        (_entries, _firstEntry) = AllocateEntries(capacity);
        _deleted = 0;
        for (int slot = 0; slot < control.Length; slot++)
        {
            if (control[slot] > Deleted)
            {
                ref var entry = ref Unsafe.As<byte, IndexEntry>(ref entries[firstEntry + (slot * Line)]);
                int target = Place(entry.Key);
                _control[target] = control[slot];
                this[target] = entry;
            }
        }
    }

    /// <summary>A zeroed pinned buffer for <paramref name="capacity"/> entries and the offset of the first line in it.</summary>
    private static unsafe (byte[] Buffer, int FirstEntry) AllocateEntries(int capacity)
    {
        var buffer = GC.AllocateArray<byte>((capacity + 1) * Line, pinned: true);
        long address = (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (buffer, (int)((Line - (address % Line)) % Line));
    }
}
