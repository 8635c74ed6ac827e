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

    internal Emitter(int initialCapacity) => _initialCapacity = Math.Max(initialCapacity, 4);

    /// <summary>Records emitted and not yet pushed.</summary>
    public int Count => _count;

    /// <summary>Emits one record.</summary>
    public void Emit(T record)
    {
        if (_count == _items.Length) Array.Resize(ref _items, Math.Max(_initialCapacity, _items.Length * 2));
        _items[_count++] = record;
    }

    /// <summary>Emits several records.</summary>
    public void Emit(ReadOnlySpan<T> records)
    {
        if (_count + records.Length > _items.Length) Array.Resize(ref _items, Math.Max(Math.Max(_initialCapacity, _items.Length * 2), _count + records.Length));
        records.CopyTo(_items.AsSpan(_count));
        _count += records.Length;
    }

    /// <summary>Hands the emitted records over to the stream, which owns the array from now on; the next emit starts a new one.</summary>
    internal T[] Detach()
    {
        var items = _items;
        _items = [];
        _count = 0;
        return items;
    }
}
