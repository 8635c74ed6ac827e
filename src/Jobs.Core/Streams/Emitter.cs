namespace StreamJobs.Streams;

/// <summary>
/// Collects what a <see cref="StageLogic{TIn,TOut}"/> emits during one call; the engine pushes it downstream in
/// batches when the call returns, so emitting is a plain array write.
/// </summary>
/// <typeparam name="T">The emitted records.</typeparam>
/// <remarks>
/// Records go into chunks of exactly one engine batch, rented from the shared pool where it has that size: each chunk
/// leaves as one pooled batch that the next holder returns, so a stage emitting wide records (an array of 1,024 of them
/// can exceed the large-object threshold) costs no allocation per batch and no copy when a call emits more than a batch.
/// </remarks>
public sealed class Emitter<T>
{
    private readonly int _chunkSize;
    private readonly List<Batch<T>> _full = [];
    private T[] _items = [];
    private bool _pooled;
    private int _count;
    private int _total;

    internal Emitter(int chunkSize) => _chunkSize = Math.Max(chunkSize, 1);

    /// <summary>Records emitted and not yet pushed.</summary>
    public int Count => _total;

    /// <summary>Emits one record.</summary>
    public void Emit(T record)
    {
        if (_count == _items.Length) NextChunk();
        _items[_count++] = record;
        _total++;
    }

    /// <summary>Emits several records.</summary>
    public void Emit(ReadOnlySpan<T> records)
    {
        while (!records.IsEmpty)
        {
            if (_count == _items.Length) NextChunk();
            var length = Math.Min(records.Length, _items.Length - _count);
            records[..length].CopyTo(_items.AsSpan(_count));
            _count += length;
            _total += length;
            records = records[length..];
        }
    }

    /// <summary>
    /// Hands the emitted records over to the stream as batches of at most one chunk each, in order; the stream owns
    /// their arrays from now on and the next emit starts a new chunk.
    /// </summary>
    internal void DetachInto(Queue<Batch<T>> batches)
    {
        foreach (var full in _full) batches.Enqueue(full);
        _full.Clear();
        if (_count > 0) batches.Enqueue(Seal());
        _items = [];
        _count = 0;
        _total = 0;
    }

    private void NextChunk()
    {
        if (_count > 0) _full.Add(Seal());
        var rented = Batch<T>.RentExact(_chunkSize);
        _pooled = rented is not null;
        _items = rented ?? Batch<T>.NewArray(_chunkSize);
        _count = 0;
    }

    private Batch<T> Seal() => _pooled ? Batch<T>.Pooled(_items, _count) : new Batch<T>(_items, _count);
}
