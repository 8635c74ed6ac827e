namespace StreamJobs.Acknowledgement;

/// <summary>
/// Tracks the records of one ordered, replayable partition that are out with the stream, and computes the position
/// that may be committed: the lowest one not yet completed. Completion is O(1) per record (a bit in a ring of
/// <see cref="Capacity"/> bits); the committable position moves in whole 64-bit words where it can.
/// </summary>
/// <remarks>
/// The ring bounds how far ahead of the oldest unfinished record the source may read: when
/// <see cref="CanIssue"/> is false the source pauses the partition (that is the backpressure) until old records
/// complete. A released record (<see cref="Release"/>) is one its holder gave up on so that it is replayed: it is no
/// longer waited for (<see cref="Pending"/>), and the committable position never passes it. A retained record
/// (<see cref="Retain"/>: it went to several holders) is complete only with its last holder's completion, and once one of
/// its holders released it, it is not completed at all: it is replayed for all of them.
/// <see cref="TryIssue"/> and <see cref="CanIssue"/> belong to the single reading thread;
/// <see cref="Complete(long)"/>, <see cref="Complete(ReadOnlySpan{long})"/>, <see cref="Release"/>, <see cref="Retain"/> and
/// the read-only properties may be called from any thread.
/// </remarks>
public sealed class ReceiptWindow : IReceiptTracker
{
    private readonly ulong[] _bits;
    private readonly ulong[] _released;
    private readonly long _mask;
    private readonly object _gate = new();
    // Extra completions each slot waits for, allocated at the first Retain (most windows have a single holder).
    private byte[]? _holds;
    private long _base = -1;
    private long _next = -1;
    private long _ignored;
    private long _pending;

    private const byte ReleasedByAHolder = byte.MaxValue;

    /// <summary>A window allowing <paramref name="capacity"/> records in flight (rounded up to a multiple of 64).</summary>
    public ReceiptWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var size = 64;
        while (size < capacity) size <<= 1;
        _bits = new ulong[size / 64];
        _released = new ulong[size / 64];
        _mask = size - 1;
    }

    /// <summary>How many records may be in flight, counted from the oldest unfinished one.</summary>
    public int Capacity => (int)(_mask + 1);

    /// <summary>
    /// The lowest position not yet completed, which is the offset to commit (Kafka commits the next record to
    /// read); when everything issued is complete, the position after the last one. -1 before the first record.
    /// </summary>
    public long Committable
    {
        get { lock (_gate) return _base; }
    }

    /// <summary>Records issued and not yet completed (including the gaps below the last completion).</summary>
    public long InFlight
    {
        get { lock (_gate) return _base < 0 ? 0 : _next - _base; }
    }

    /// <summary>
    /// Records issued and neither completed nor released: what a source draining a partition still waits for.
    /// </summary>
    public long Pending
    {
        get { lock (_gate) return _pending; }
    }

    /// <summary>
    /// Calls ignored: completions, releases and retains of positions already finished, released, or no longer (or
    /// never) tracked.
    /// </summary>
    public long Ignored => Interlocked.Read(ref _ignored);

    /// <summary>True when a record at <paramref name="position"/> fits in the window now.</summary>
    public bool CanIssue(long position)
    {
        lock (_gate) return _base < 0 || position - _base < _bits.Length * 64L;
    }

    /// <summary>
    /// Issues the receipt of the record at <paramref name="position"/>, or returns false when the window is full
    /// (pause and try again once records complete). Positions must increase; skipped positions (compacted or
    /// filtered records) count as completed.
    /// </summary>
    public bool TryIssue(long position, out Receipt receipt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        lock (_gate)
        {
            if (_base < 0 || (_base == _next && position > _next))
            {
                // First record, or nothing outstanding: start the ring here, so a large gap costs nothing.
                _base = _next = position;
            }
            else if (position < _next)
            {
                throw new InvalidOperationException($"Position {position} was issued after {_next - 1}; positions must increase. Use a new window after a seek.");
            }
            if (position - _base >= _bits.Length * 64L)
            {
                receipt = default;
                return false;
            }
            for (var gap = _next; gap < position; gap++) SetBit(gap);
            _next = position + 1;
            _pending++;
            Advance();
        }
        receipt = new Receipt(this, position);
        return true;
    }

    /// <inheritdoc />
    public void Complete(long position)
    {
        lock (_gate) CompleteLocked(position);
    }

    /// <inheritdoc />
    public void Complete(ReadOnlySpan<long> positions)
    {
        lock (_gate)
        {
            foreach (var position in positions) CompleteLocked(position);
        }
    }

    private void CompleteLocked(long position)
    {
        if (position < _base || position >= _next || IsSet(position))
        {
            _ignored++;
            return;
        }
        if (_holds is not null)
        {
            ref var holds = ref _holds[position & _mask];
            if (holds == ReleasedByAHolder)
            {
                _ignored++;
                return;
            }
            if (holds > 0)
            {
                holds--;
                return;
            }
        }
        SetBit(position);
        if (!IsReleased(position)) _pending--;
        if (position == _base) Advance();
    }

    /// <summary>
    /// Gives the record at <paramref name="position"/> up unfinished: its holder dropped it so that it is read again
    /// (its partition moves to another reader). It stops counting as <see cref="Pending"/> but stays uncommitted, so
    /// the committable position stops below it. Releasing a completed, released or untracked position is ignored.
    /// </summary>
    public void Release(long position)
    {
        lock (_gate)
        {
            if (position < _base || position >= _next || IsSet(position) || IsReleased(position))
            {
                _ignored++;
                return;
            }
            var slot = position & _mask;
            _released[slot >> 6] |= 1UL << (int)(slot & 63);
            _pending--;
            // Another holder's later completion must not commit what this one gave up for replay.
            if (_holds is not null && _holds[slot] > 0) _holds[slot] = ReleasedByAHolder;
        }
    }

    /// <summary>
    /// The record at <paramref name="position"/> went to <paramref name="count"/> more holders: it completes with the
    /// last of their completions. Retaining a completed, released or untracked position is ignored.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A record would have more than 254 holders besides the first.</exception>
    public void Retain(long position, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0) return;
        lock (_gate)
        {
            if (position < _base || position >= _next || IsSet(position) || IsReleased(position))
            {
                _ignored++;
                return;
            }
            ref var holds = ref (_holds ??= new byte[_mask + 1])[position & _mask];
            var total = holds + count;
            if (total >= ReleasedByAHolder) throw new ArgumentOutOfRangeException(nameof(count), count, $"A record can have at most {ReleasedByAHolder - 1} holders besides the first.");
            holds = (byte)total;
        }
    }

    private bool IsSet(long position)
    {
        var slot = position & _mask;
        return (_bits[slot >> 6] & (1UL << (int)(slot & 63))) != 0;
    }

    private bool IsReleased(long position)
    {
        var slot = position & _mask;
        return (_released[slot >> 6] & (1UL << (int)(slot & 63))) != 0;
    }

    private bool SetBit(long position)
    {
        var slot = position & _mask;
        ref var word = ref _bits[slot >> 6];
        var bit = 1UL << (int)(slot & 63);
        if ((word & bit) != 0) return false;
        word |= bit;
        return true;
    }

    // Moves the base over completed positions, clearing their bits so the ring can be reused.
    private void Advance()
    {
        while (_base < _next)
        {
            var slot = _base & _mask;
            ref var word = ref _bits[slot >> 6];
            if ((slot & 63) == 0 && word == ulong.MaxValue && _next - _base >= 64)
            {
                word = 0;
                _released[slot >> 6] = 0;
                _base += 64;
                continue;
            }
            var bit = 1UL << (int)(slot & 63);
            if ((word & bit) == 0) return;
            word &= ~bit;
            _released[slot >> 6] &= ~bit;
            _base++;
        }
    }
}
