using System.Runtime.InteropServices;
using StreamJobs.FlowEnricher.Ownership;

namespace StreamJobs.FlowEnricher;

/// <summary>
/// The parked waiting flows of a <see cref="FlowWaitList"/>, by what blocks them: one doubly linked list (through
/// per-slot arrays) per blocking history, and one per creation bucket for untracked IPs. A change takes a whole list
/// at once; a flow that resolves or leaves unlinks itself in constant time.
/// </summary>
internal sealed class ParkedLists
{
    private readonly Dictionary<IpHistory, int> _historyHeads = new(ReferenceEqualityComparer.Instance);
    private readonly int[] _bucketHeads;
    private int[] _next;
    private int[] _prev;
    private int[] _bucketOf;
    private IpHistory?[] _blockerOf;

    public ParkedLists(int buckets, int slots)
    {
        _bucketHeads = new int[buckets];
        Array.Fill(_bucketHeads, -1);
        (_next, _prev, _bucketOf, _blockerOf) = (new int[slots], new int[slots], new int[slots], new IpHistory?[slots]);
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

    /// <summary>Links <paramref name="slot"/> into the list of <paramref name="blocker"/>, or of <paramref name="bucket"/> when null.</summary>
    public void Link(int slot, IpHistory? blocker, int bucket)
    {
        _blockerOf[slot] = blocker;
        _bucketOf[slot] = bucket;
        int head;
        if (blocker is null)
        {
            head = _bucketHeads[bucket];
            _bucketHeads[bucket] = slot;
        }
        else
        {
            ref int headRef = ref CollectionsMarshal.GetValueRefOrAddDefault(_historyHeads, blocker, out bool exists);
            head = exists ? headRef : -1;
            headRef = slot;
        }

        (_prev[slot], _next[slot]) = (-1, head);
        if (head >= 0)
        {
            _prev[head] = slot;
        }

        Count++;
    }

    /// <summary>Unlinks every slot blocked by <paramref name="blocker"/> into <paramref name="taken"/>; returns where they start in it.</summary>
    public int TakeAll(IpHistory blocker, List<int> taken)
    {
        int from = taken.Count;
        if (_historyHeads.Remove(blocker, out int head))
        {
            TakeFrom(head, taken);
        }

        return from;
    }

    /// <summary>Unlinks every slot of <paramref name="bucket"/> into <paramref name="taken"/>; returns where they start in it.</summary>
    public int TakeAll(int bucket, List<int> taken)
    {
        int from = taken.Count;
        int head = _bucketHeads[bucket];
        _bucketHeads[bucket] = -1;
        TakeFrom(head, taken);
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
        else if (_blockerOf[slot] is { } blocker)
        {
            if (next >= 0)
            {
                _historyHeads[blocker] = next;
            }
            else
            {
                _historyHeads.Remove(blocker);
            }
        }
        else
        {
            _bucketHeads[_bucketOf[slot]] = next;
        }

        _blockerOf[slot] = null;
        Count--;
    }

    private void TakeFrom(int head, List<int> taken)
    {
        for (int slot = head; slot >= 0; slot = _next[slot])
        {
            _blockerOf[slot] = null;
            Count--;
            taken.Add(slot);
        }
    }
}
