namespace StreamJobs.FlowEnricher.Ownership;

/// <summary>
/// What changed in an <see cref="IpOwnershipTable"/> since its watcher last looked: each changed history once, and
/// the creation buckets (<see cref="IpOwnershipTable.CreatedBucket"/>) that gained a history. Lets the attributor wake
/// only the waiting flows a change may resolve, instead of visiting every waiting flow.
/// </summary>
internal sealed class OwnershipChanges
{
    private readonly List<IpHistory> _histories = [];
    private readonly List<int> _buckets = [];
    private readonly bool[] _bucketLogged;

    public OwnershipChanges(int buckets) => _bucketLogged = new bool[buckets];

    public IReadOnlyList<IpHistory> Histories => _histories;

    public IReadOnlyList<int> Buckets => _buckets;

    public void Changed(IpHistory history)
    {
        if (!history.ChangeLogged)
        {
            history.ChangeLogged = true;
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
        foreach (var history in _histories)
        {
            history.ChangeLogged = false;
        }

        foreach (int bucket in _buckets)
        {
            _bucketLogged[bucket] = false;
        }

        _histories.Clear();
        _buckets.Clear();
    }
}
