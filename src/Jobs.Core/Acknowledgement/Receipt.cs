namespace StreamJobs.Acknowledgement;

/// <summary>
/// A record's claim on its replayable source: whoever finishes with the record (a sink once its write was
/// acknowledged, or a stage that deliberately drops it) calls <see cref="Complete"/>, and the source may then
/// commit past it. A receipt that is never completed holds back the commits of its partition, so a crash replays
/// the record instead of losing it. The default receipt belongs to no source and completing it does nothing.
/// </summary>
/// <remarks>A 16-byte value: copying it allocates nothing.</remarks>
public readonly struct Receipt : IEquatable<Receipt>
{
    private readonly IReceiptTracker? _tracker;
    private readonly long _position;

    /// <summary>A receipt for the record at <paramref name="position"/> of <paramref name="tracker"/>.</summary>
    public Receipt(IReceiptTracker tracker, long position)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        _tracker = tracker;
        _position = position;
    }

    /// <summary>The receipt of a record that came from no replayable source.</summary>
    public static Receipt None => default;

    /// <summary>True for <see cref="None"/>.</summary>
    public bool IsNone => _tracker is null;

    /// <summary>The tracker that issued the receipt, or null for <see cref="None"/>.</summary>
    public IReceiptTracker? Tracker => _tracker;

    /// <summary>The record's position in its source (a Kafka offset, for example).</summary>
    public long Position => _position;

    /// <summary>Tells the source the record is finished with. Safe to call on <see cref="None"/> and more than once.</summary>
    public void Complete() => _tracker?.Complete(_position);

    /// <summary>
    /// Gives the record up unfinished, to be replayed by whoever reads its partition next (see
    /// <see cref="ReceiptHandoff"/>). Safe to call on <see cref="None"/>.
    /// </summary>
    public void Release() => _tracker?.Release(_position);

    /// <summary>
    /// Asks for <paramref name="count"/> more completions before the record is finished: it has that many more holders
    /// (<see cref="IHasReceipts"/>). Does nothing on <see cref="None"/>.
    /// </summary>
    public void Retain(int count) => _tracker?.Retain(_position, count);

    /// <summary>
    /// Completes every receipt of <paramref name="receipts"/>: for a record made of others (a trace of spans). Each run
    /// of receipts from one tracker costs that tracker one call per up to 64 receipts.
    /// </summary>
    public static void CompleteAll(ReadOnlySpan<Receipt> receipts)
    {
        var batch = new CompletionBatch(stackalloc long[CompletionBatch.Capacity]);
        foreach (var receipt in receipts) batch.Add(receipt);
        batch.Flush();
    }

    /// <summary>Completes the receipt of every record of <paramref name="records"/>, as selected by <paramref name="receiptOf"/>.</summary>
    public static void CompleteAll<T>(ReadOnlySpan<T> records, Func<T, Receipt> receiptOf)
    {
        ArgumentNullException.ThrowIfNull(receiptOf);
        var batch = new CompletionBatch(stackalloc long[CompletionBatch.Capacity]);
        try
        {
            foreach (var record in records) batch.Add(receiptOf(record));
        }
        finally
        {
            batch.Flush(); // what was gathered before a throwing selector is still completed
        }
    }

    /// <summary>Gathers consecutive receipts of one tracker and hands them over in one call.</summary>
    private ref struct CompletionBatch(Span<long> positions)
    {
        public const int Capacity = 64;
        private readonly Span<long> _positions = positions;
        private IReceiptTracker? _tracker;
        private int _count;

        public void Add(Receipt receipt)
        {
            if (receipt._tracker is null) return;
            if (!ReferenceEquals(receipt._tracker, _tracker) || _count == _positions.Length) Flush();
            _tracker = receipt._tracker;
            _positions[_count++] = receipt._position;
        }

        public void Flush()
        {
            if (_count > 0) _tracker!.Complete(_positions[.._count]);
            _count = 0;
        }
    }

    /// <inheritdoc />
    public bool Equals(Receipt other) => ReferenceEquals(_tracker, other._tracker) && _position == other._position;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Receipt other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_tracker, _position);

    /// <summary>Equality: same tracker, same position.</summary>
    public static bool operator ==(Receipt left, Receipt right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Receipt left, Receipt right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => IsNone ? "Receipt(none)" : $"Receipt({_position})";
}
