namespace StreamJobs.Streams;

/// <summary>
/// The records of one batch as <see cref="StageLogic{TIn,TOut}.OnRecords"/> sees them: read in place (no copy per
/// record), one at a time. The engine keeps the cursor, so when the logic throws it knows which record was current and
/// supervises that one alone, then hands the logic the records after it. Advance the cursor passed in, not a copy of
/// it: a copy's position is invisible to the engine, so a failure would be blamed on no record.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public ref struct RecordCursor<T>
{
    private readonly ReadOnlySpan<T> _records;
    private int _index;

    internal RecordCursor(ReadOnlySpan<T> records)
    {
        _records = records;
        _index = -1;
    }

    /// <summary>Moves to the next record; false once all have been read.</summary>
    public bool MoveNext()
    {
        if (_index < _records.Length) _index++;
        return _index < _records.Length;
    }

    /// <summary>The record <see cref="MoveNext"/> moved to, read in place: valid until the hook returns.</summary>
    public readonly ref readonly T Current => ref _records[_index];

    /// <summary>
    /// The records after <see cref="Current"/>, to look at ahead of time (a prefetch of what the next one will read),
    /// never to process: only the record the cursor is on is supervised, so work done for a later one is blamed on it.
    /// </summary>
    public readonly ReadOnlySpan<T> Upcoming => _records.Slice(Math.Min(_index + 1, _records.Length));

    /// <summary>The index of <see cref="Current"/>: -1 before the first record, the record count after the last.</summary>
    internal readonly int Index => _index;
}
