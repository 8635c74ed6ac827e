using System.Runtime.CompilerServices;

namespace StreamJobs.Acknowledgement;

/// <summary>
/// News of partitions leaving this member, from replayable sources to the stateful stages holding their records. When
/// a Kafka partition is revoked, its source calls <see cref="Revoke"/> with the partition's receipt tracker; a stage
/// that buffers records by key (the span buffer's traces) then releases (<see cref="Receipt.Release"/>) and forgets
/// the records it holds from that tracker, and any that still arrive, instead of deciding on part of a key's records.
/// The partition's next owner replays them, whole, from the last commit.
/// </summary>
/// <remarks>
/// One per host: <c>AddStreamJobs</c> registers it as a singleton. Revoked trackers are held weakly: once no record
/// refers to a tracker any more it is forgotten, so rebalances do not accumulate. Thread-safe.
/// </remarks>
public sealed class ReceiptHandoff
{
    private static readonly object Revoked = new();
    private readonly ConditionalWeakTable<IReceiptTracker, object> _revoked = new();
    private int _version;

    /// <summary>
    /// Changes on every <see cref="Revoke"/>, 0 before the first: a stage compares it with the last one it acted on
    /// (one volatile read) to learn that it has records to release.
    /// </summary>
    public int Version => Volatile.Read(ref _version);

    /// <summary>Announces that the records of <paramref name="trackers"/> will be read again by another member.</summary>
    public void Revoke(IEnumerable<IReceiptTracker> trackers)
    {
        ArgumentNullException.ThrowIfNull(trackers);
        foreach (var tracker in trackers) _revoked.AddOrUpdate(tracker, Revoked);
        Interlocked.Increment(ref _version);
    }

    /// <summary>True when <paramref name="receipt"/> belongs to a revoked tracker; false for <see cref="Receipt.None"/>.</summary>
    public bool IsRevoked(Receipt receipt) => receipt.Tracker is { } tracker && _revoked.TryGetValue(tracker, out _);
}
