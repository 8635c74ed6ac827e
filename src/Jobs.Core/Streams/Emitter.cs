namespace StreamJobs.Streams;

/// <summary>
/// Collects what a <see cref="StageLogic{TIn,TOut}"/> emits during one call; the engine pushes it downstream in
/// batches when the call returns, so emitting is a plain array write.
/// </summary>
/// <typeparam name="T">The emitted records.</typeparam>
public sealed class Emitter<T>
{
    private readonly int _initialCapacity;
    private T[] _items = [];
    private int _count;
    // The array came from the shared pool at exactly the batch size: handed over as a pooled batch, whose last holder
    // returns it. A stage that emits a few records per call (a sampler keeping one trace in ten) otherwise allocated a
    // whole batch-sized array per call.
    private bool _pooled;

    internal Emitter(int initialCapacity) => _initialCapacity = Math.Max(initialCapacity, 4);

    /// <summary>Records emitted and not yet pushed.</summary>
    public int Count => _count;

    /// <summary>Emits one record.</summary>
    public void Emit(T record)
    {
        if (_count == _items.Length) Grow(_count + 1);
        _items[_count++] = record;
    }

    /// <summary>Emits several records.</summary>
    public void Emit(ReadOnlySpan<T> records)
    {
        if (_count + records.Length > _items.Length) Grow(_count + records.Length);
        records.CopyTo(_items.AsSpan(_count));
        _count += records.Length;
    }

    /// <summary>
    /// Hands the emitted records over to the stream, which owns the array from now on; the next emit starts a new one.
    /// <paramref name="pooled"/> says the array is a rented one of exactly the initial capacity (see <see cref="Batch{T}.Pooled"/>).
    /// </summary>
    internal T[] Detach(out bool pooled)
    {
        var items = _items;
        pooled = _pooled;
        _items = [];
        _count = 0;
        _pooled = false;
        return items;
    }

    private void Grow(int needed)
    {
        if (_items.Length == 0 && needed <= _initialCapacity && Batch<T>.RentExact(_initialCapacity) is { } rented)
        {
            _items = rented;
            _pooled = true;
            return;
        }

        var larger = Batch<T>.NewArray(Math.Max(Math.Max(_initialCapacity, _items.Length * 2), needed));
        _items.AsSpan(0, _count).CopyTo(larger);
        if (_pooled) Batch<T>.Pooled(_items, 0).Return();
        _items = larger;
        _pooled = false;
    }
}
