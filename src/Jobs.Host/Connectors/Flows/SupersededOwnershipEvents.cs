using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.Host.Connectors.Flows;

/// <summary>
/// The ownership events still in the compacted topic, by IP, and which of them no attribution at or after a horizon can
/// need: an IP's owner at any time from the horizon on depends only on its latest events at or before the horizon
/// (all of those at that instant: a handover's unassignment and assignment) and on the events after it. Every older
/// event of the IP is superseded, and its tombstone lets the log cleaner remove it, so the topic a starting replica
/// reads stays as long as the ownership changes within the horizon, not as long as the fleet's history.
/// </summary>
internal sealed class SupersededOwnershipEvents
{
    private readonly Dictionary<IpAddress, List<OwnershipEvent>> _byIp = new();

    /// <summary>Events tracked (distinct; duplicates of a tracked event are ignored).</summary>
    public int Count { get; private set; }

    public void Add(in OwnershipEvent ownershipEvent)
    {
        if (!_byIp.TryGetValue(ownershipEvent.Ip, out var events))
        {
            events = new List<OwnershipEvent>(2);
            _byIp.Add(ownershipEvent.Ip, events);
        }
        if (events.Contains(ownershipEvent)) return;
        events.Add(ownershipEvent with { Receipt = default });
        Count++;
    }

    /// <summary>
    /// Moves the events superseded at <paramref name="horizonUnixMs"/> to <paramref name="superseded"/>, IP by IP,
    /// stopping after the IP that reaches <paramref name="max"/>; returns how many. The rest wait for the next call.
    /// </summary>
    public int Collect(long horizonUnixMs, ICollection<OwnershipEvent> superseded, int max = int.MaxValue)
    {
        var found = 0;
        foreach (var events in _byIp.Values)
        {
            if (found >= max) break;
            if (events.Count < 2) continue;
            var latest = long.MinValue;
            foreach (var e in events)
            {
                if (e.TimestampUnixMs <= horizonUnixMs && e.TimestampUnixMs > latest) latest = e.TimestampUnixMs;
            }
            if (latest == long.MinValue) continue;
            found += events.RemoveAll(e =>
            {
                if (e.TimestampUnixMs >= latest) return false;
                superseded.Add(e);
                return true;
            });
        }
        Count -= found;
        return found;
    }
}
