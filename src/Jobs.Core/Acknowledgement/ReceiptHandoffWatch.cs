namespace StreamJobs.Acknowledgement;

/// <summary>
/// A keyed stage's view of a <see cref="ReceiptHandoff"/>: tells it when a new revocation came (so it releases what it
/// holds of revoked partitions) and whether an arriving record's partition was revoked. Costs one volatile read and a
/// reference compare per record while nothing changes: records come in runs from one partition, so the last tracker
/// found live is remembered until the next revocation. Not thread-safe: one per stage, called from the stage only.
/// </summary>
public sealed class ReceiptHandoffWatch
{
    private readonly ReceiptHandoff _handoff;
    private int _seen;
    private IReceiptTracker? _live;

    /// <summary>Watches <paramref name="handoff"/>.</summary>
    public ReceiptHandoffWatch(ReceiptHandoff handoff)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        _handoff = handoff;
    }

    /// <summary>True once per new revocation since the last call: time to release what is held of revoked partitions.</summary>
    public bool Changed()
    {
        var version = _handoff.Version;
        if (version == _seen) return false;
        _seen = version;
        _live = null;
        return true;
    }

    /// <summary>
    /// True when <paramref name="receipt"/> belongs to a partition revoked as of the last <see cref="Changed"/>; call
    /// that first. False for <see cref="Receipt.None"/> and while nothing was ever revoked.
    /// </summary>
    public bool IsRevoked(Receipt receipt)
    {
        if (_seen == 0 || receipt.Tracker is not { } tracker || ReferenceEquals(tracker, _live)) return false;
        if (_handoff.IsRevoked(receipt)) return true;
        _live = tracker;
        return false;
    }
}
