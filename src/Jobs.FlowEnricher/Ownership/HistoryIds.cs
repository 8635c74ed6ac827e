namespace StreamJobs.FlowEnricher.Ownership;

/// <summary>
/// Stable small ids for the tracked IPs of an <see cref="IpOwnershipTable"/> and each one's change stamp in one flat
/// array (8 bytes per IP). Waiting flows keep an id and a stamp instead of a history reference, so a settle or wake
/// check reads one array element, usually cached, and never the history object. A freed id is reused; stamps only
/// grow (the table's version, once per change of one IP), so a stamp remembered for an id's earlier IP never matches
/// its next one. After an expiry that leaves the ids mostly unused, the table numbers its IPs afresh so these arrays
/// shrink with it; a stale id then reads another IP's stamp, which never matches either.
/// </summary>
internal sealed class HistoryIds
{
    private long[] _stamps = new long[64];
    private int[] _free = new int[16];
    private int _freeCount;
    private int _next;

    /// <summary>Ids handed out so far, freed ones included: every id is below it.</summary>
    public int Capacity => _next;

    /// <summary>Bytes of the two arrays.</summary>
    public long ArrayBytes => 48 + (_stamps.Length * 8L) + (_free.Length * 4L);

    /// <summary>The stamp of <paramref name="id"/>'s last change; -1 (no stamp) for an id beyond those handed out.</summary>
    public long StampOf(int id) => (uint)id < (uint)_next ? _stamps[id] : -1;

    /// <summary>True when fewer than an eighth of the ids handed out are in use by <paramref name="live"/> IPs.</summary>
    public bool MostlyFree(int live) => _next > 64 && live * 8L < _next;

    /// <summary>Forgets every id, keeping room for <paramref name="live"/>; the caller hands them out again.</summary>
    public void Reset(int live)
    {
        _stamps = new long[Math.Max(64, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)live))];
        _free = new int[16];
        _freeCount = 0;
        _next = 0;
    }

    public void SetStamp(int id, long stamp) => _stamps[id] = stamp;

    public int Take()
    {
        if (_freeCount > 0)
        {
            return _free[--_freeCount];
        }

        if (_next == _stamps.Length)
        {
            Array.Resize(ref _stamps, _stamps.Length * 2);
        }

        return _next++;
    }

    public void Release(int id)
    {
        if (_freeCount == _free.Length)
        {
            Array.Resize(ref _free, _free.Length * 2);
        }

        _free[_freeCount++] = id;
    }
}
