namespace StreamJobs.Streams;

/// <summary>
/// A run of records moving through the engine as one element. A batch lent to a stage is valid only
/// until the call that received it returns: a stage that keeps records copies them.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public readonly struct Batch<T>
{
    private readonly T[]? _items;
    private readonly int _offset;
    private readonly int _count;

    /// <summary>Wraps the first <paramref name="count"/> items of <paramref name="items"/>.</summary>
    public Batch(T[] items, int count)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, items.Length);
        _items = items;
        _count = count;
    }

    /// <summary>Wraps <paramref name="count"/> items of <paramref name="items"/> from <paramref name="offset"/>.</summary>
    public Batch(T[] items, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + count, items.Length);
        _items = items;
        _offset = offset;
        _count = count;
    }

    /// <summary>The number of records.</summary>
    public int Count => _count;

    /// <summary>True when the batch holds no records.</summary>
    public bool IsEmpty => _count == 0;

    /// <summary>The records.</summary>
    public ReadOnlySpan<T> Span => new(_items, _offset, _count);

    /// <summary>The record at <paramref name="index"/>.</summary>
    public T this[int index] => Span[index];

    /// <summary>Enumerates the records without allocating.</summary>
    public ReadOnlySpan<T>.Enumerator GetEnumerator() => Span.GetEnumerator();

    /// <summary>Copies the records into a new array.</summary>
    public T[] ToArray() => Span.ToArray();
}
