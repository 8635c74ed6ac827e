namespace StreamJobs.FlowEnricher.Ownership;

/// <summary>
/// What changed in an <see cref="IpOwnershipTable"/> since its watcher last looked: each changed history once, and
/// the creation buckets (<see cref="IpOwnershipTable.CreatedBucket"/>) that gained a history. Lets the attributor wake
/// only the waiting flows a change may resolve, instead of visiting every waiting flow.
/// </summary>
internal sealed class OwnershipChanges
{
    private readonly List<int> _histories = [];
    private readonly List<int> _buckets = [];
    private readonly bool[] _bucketLogged;
    private bool[] _historyLogged = new bool[64];

    public OwnershipChanges(int buckets) => _bucketLogged = new bool[buckets];

    /// <summary>The ids (<see cref="HistoryIds"/>) of the histories that changed.</summary>
    public IReadOnlyList<int> Histories => _histories;

    public IReadOnlyList<int> Buckets => _buckets;

    /// <summary>The table numbered its IPs afresh: logged ids mean nothing now, every waiting flow must look again.</summary>
    public bool AllChanged { get; private set; }

    public void Renumbered()
    {
        Clear();
        _historyLogged = new bool[64];
        AllChanged = true;
    }

    public void Changed(int history)
    {
        if (history >= _historyLogged.Length)
        {
            Array.Resize(ref _historyLogged, Math.Max(history + 1, _historyLogged.Length * 2));
        }

        if (!_historyLogged[history])
        {
            _historyLogged[history] = true;
            _histories.Add(history);
        }
    }

    public void Created(int bucket)
    {
        if (!_bucketLogged[bucket])
        {
            _bucketLogged[bucket] = true;
            _buckets.Add(bucket);
        }
    }

    /// <summary>Forgets what was logged (after the watcher handled it).</summary>
    public void Clear()
    {
        foreach (int history in _histories)
        {
            _historyLogged[history] = false;
        }

        foreach (int bucket in _buckets)
        {
            _bucketLogged[bucket] = false;
        }

        _histories.Clear();
        _buckets.Clear();
        AllChanged = false;
    }
}
