using System.Buffers;
using System.Runtime.CompilerServices;

namespace StreamJobs.Streams;

/// <summary>
/// A run of records moving through the engine as one element (of an Akka.Streams graph). The engine never changes a
/// batch after pushing it; a stage or handler that keeps records past the call that received them should still copy
/// them, so that pooling stays possible.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public readonly struct Batch<T>
{
    private readonly T[]? _items;
    private readonly int _offset;
    private readonly int _count;
    // True when the array was rented from ArrayPool<T>.Shared and only the batch's holder refers to it: the engine
    // transforms it in place or returns it once a sink is done with it. Every fan-out clears it first.
    private readonly bool _pooled;

    private Batch(T[] items, int count, bool pooled)
    {
        _items = items;
        _count = count;
        _pooled = pooled;
    }

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

    /// <summary>
    /// A new array for the engine to fill: not zeroed when <typeparamref name="T"/> holds no references, since every
    /// slot a batch exposes is written before the batch is pushed.
    /// </summary>
    internal static T[] NewArray(int length) =>
        System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>() ? new T[length] : GC.AllocateUninitializedArray<T>(length);

    /// <summary>An array of exactly <paramref name="length"/> from the shared pool, or null when the pool has no such size.</summary>
    internal static T[]? RentExact(int length)
    {
        var rented = ArrayPool<T>.Shared.Rent(length);
        if (rented.Length == length) return rented;
        ArrayPool<T>.Shared.Return(rented);
        return null;
    }

    /// <summary>A batch over a rented array that only its holder refers to.</summary>
    internal static Batch<T> Pooled(T[] items, int count) => new(items, count, pooled: true);

    /// <summary>True when the holder owns the rented array (see <see cref="Pooled"/>).</summary>
    internal bool IsPooled => _pooled;

    /// <summary>The underlying array, for an in-place transform by the holder of a pooled batch.</summary>
    internal T[]? Items => _items;

    /// <summary>The same records, never returned to the pool: what goes to more than one holder, or to foreign code.</summary>
    internal Batch<T> Unpooled() => _pooled ? new Batch<T>(_items!, _offset, _count) : this;

    /// <summary>Gives a pooled batch's array back; the holder must not touch the batch afterwards.</summary>
    internal void Return()
    {
        if (_pooled) ArrayPool<T>.Shared.Return(_items!, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
    }

    /// <summary>Copies the records into a new array.</summary>
    public T[] ToArray() => Span.ToArray();
}
