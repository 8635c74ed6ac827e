namespace StreamJobs.Acknowledgement;

/// <summary>
/// The receipts of the records an aggregate was built from (the spans of a trace, the records of a window):
/// add them as records are absorbed, complete them all once the aggregate is written or dropped.
/// Not thread-safe, like the stateful stage that owns it.
/// </summary>
public sealed class ReceiptSet
{
    private Receipt[] _items;
    private int _count;

    /// <summary>An empty set with room for <paramref name="capacity"/> receipts before it grows.</summary>
    public ReceiptSet(int capacity = 4)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _items = capacity == 0 ? [] : new Receipt[capacity];
    }

    /// <summary>How many receipts the set holds.</summary>
    public int Count => _count;

    /// <summary>The receipts held.</summary>
    public ReadOnlySpan<Receipt> Items => _items.AsSpan(0, _count);

    /// <summary>Adds <paramref name="receipt"/>; <see cref="Receipt.None"/> is skipped.</summary>
    public void Add(Receipt receipt)
    {
        if (receipt.IsNone) return;
        if (_count == _items.Length) Array.Resize(ref _items, Math.Max(4, _items.Length * 2));
        _items[_count++] = receipt;
    }

    /// <summary>Completes every receipt held and empties the set.</summary>
    public void CompleteAll()
    {
        Receipt.CompleteAll(Items);
        Clear();
    }

    /// <summary>Forgets the receipts without completing them (their records will be replayed).</summary>
    public void Clear()
    {
        Array.Clear(_items, 0, _count);
        _count = 0;
    }
}
