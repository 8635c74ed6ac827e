using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Synthetic;

/// <summary>
/// A deterministic scenario for demos, tests and benchmarks: applications owning IPs, IPs handed between
/// applications mid-run (unassign, short gap, assign; events possibly late), flows between owned IPs and to
/// external CIDR blocks, some flows carrying their local identity. It knows the true owner of every IP at every
/// instant so attribution can be checked.
/// </summary>
public sealed class SyntheticFlowGenerator
{
    private const string InternetBlock = "203.0.113.0/24";
    private const string LoadBalancerBlock = "100.64.0.0/16";
    private static readonly Lazy<CidrTable> LazyExternal = new(CreateCidrTable);
    private readonly SyntheticFlowOptions _options;
    private readonly string[] _apps;
    private readonly IpAddress[] _ips;
    private readonly Dictionary<IpAddress, int> _index = [];
    private readonly List<(long Start, long End, string? Owner)>[] _truth;
    private readonly bool[] _eventless;

    /// <summary>Builds the ownership history for <paramref name="options"/>.</summary>
    public SyntheticFlowGenerator(SyntheticFlowOptions options)
    {
        _options = options;
        var random = new Random(options.Seed);
        _apps = [.. Enumerable.Range(0, options.Applications).Select(a => $"app-{a:D3}")];
        _ips = new IpAddress[options.Ips];
        _truth = new List<(long, long, string?)>[options.Ips];
        _eventless = new bool[options.Ips];
        for (int i = 0; i < options.Ips; i++)
        {
            _ips[i] = i % 10 == 9 ? new IpAddress(0xFD00_0000_0000_0000UL, (ulong)i + 1) : IpAddress.FromV4(0x0A00_0000u + (uint)i + 1);
            _index[_ips[i]] = i;
            _eventless[i] = random.NextDouble() < options.EventlessFraction;
            _truth[i] = BuildTimeline(random, random.NextDouble() < options.ChurnFraction);
        }
    }

    /// <summary>The tracked IPs.</summary>
    public IReadOnlyList<IpAddress> Ips => _ips;

    /// <summary>The application names.</summary>
    public IReadOnlyList<string> Applications => _apps;

    /// <summary>External blocks as (CIDR, owner); both are authoritative (no tracked IP inside).</summary>
    public static IReadOnlyList<(string Cidr, string Owner)> CidrBlocks { get; } =
        [(InternetBlock, "internet"), (LoadBalancerBlock, "edge-lb")];

    /// <summary>Loads <see cref="CidrBlocks"/> into a new table.</summary>
    public static CidrTable CreateCidrTable()
    {
        var table = new CidrTable();
        foreach (var (cidr, owner) in CidrBlocks)
        {
            table.Add(cidr, owner, authoritative: true);
        }

        return table;
    }

    /// <summary>The true owner of <paramref name="ip"/> at <paramref name="timeUnixMs"/>, or null when nobody owned it.</summary>
    public string? TrueOwner(IpAddress ip, long timeUnixMs)
    {
        if (_index.TryGetValue(ip, out int i))
        {
            foreach (var (start, end, owner) in _truth[i])
            {
                if (timeUnixMs >= start && timeUnixMs < end)
                {
                    return owner;
                }
            }

            return null;
        }

        return LazyExternal.Value.TryMatch(ip, out var match) ? match.Owner : null;
    }

    private List<(long, long, string?)> BuildTimeline(Random random, bool churned)
    {
        long t = _options.StartUnixMs - 3_600_000;
        long end = _options.StartUnixMs + _options.DurationMs + 3_600_000;
        string owner = _apps[random.Next(_apps.Length)];
        var timeline = new List<(long, long, string?)>();
        int handovers = churned ? _options.HandoversPerChurnedIp : 0;
        long slot = _options.DurationMs / (handovers + 1);
        for (int h = 1; h <= handovers; h++)
        {
            long spare = Math.Max(0, slot - _options.MinTenureMs);
            long at = _options.StartUnixMs + (h * slot) - (long)(random.NextDouble() * spare / 2);
            timeline.Add((t, at, owner));
            timeline.Add((at, at + _options.HandoverGapMs, null));
            t = at + _options.HandoverGapMs;
            string next;
            do
            {
                next = _apps[random.Next(_apps.Length)];
            }
            while (_apps.Length > 1 && next == owner);
            owner = next;
        }

        timeline.Add((t, end, owner));
        return timeline;
    }

    /// <summary>Streams the scenario's ownership events and flows in arrival order.</summary>
    public IEnumerable<SyntheticItem> Generate()
    {
        var random = new Random(_options.Seed ^ 0x5EED);
        var events = new List<SyntheticItem>();
        for (int i = 0; i < _ips.Length; i++)
        {
            if (_eventless[i])
            {
                continue;
            }

            foreach (var (start, end, owner) in _truth[i])
            {
                if (owner is null)
                {
                    continue;
                }

                events.Add(EventItem(random, new OwnershipEvent(_ips[i], owner, start, OwnershipChange.Assigned)));
                if (end < _options.StartUnixMs + _options.DurationMs)
                {
                    events.Add(EventItem(random, new OwnershipEvent(_ips[i], owner, end, OwnershipChange.Unassigned)));
                }
            }
        }

        events.Sort((a, b) => a.Event.TimestampUnixMs.CompareTo(b.Event.TimestampUnixMs));
        var pending = new PriorityQueue<SyntheticItem, long>();
        int nextEvent = 0;
        for (int f = 0; f < _options.Flows; f++)
        {
            long start = _options.StartUnixMs + (long)((double)f * _options.DurationMs / _options.Flows);
            while (nextEvent < events.Count && events[nextEvent].Event.TimestampUnixMs <= start)
            {
                pending.Enqueue(events[nextEvent], events[nextEvent].ArrivalUnixMs);
                nextEvent++;
            }

            if (TryMakeFlow(random, start, out var flow))
            {
                long arrival = flow.EndUnixMs + (long)(random.NextDouble() * _options.MaxExportDelayMs);
                pending.Enqueue(new SyntheticItem(arrival, true, default, flow), arrival);
            }

            // Everything still to come arrives at or after its own time, which is at least `start`.
            while (pending.TryPeek(out var item, out long arrivalAt) && arrivalAt <= start)
            {
                pending.Dequeue();
                yield return item;
            }
        }

        for (; nextEvent < events.Count; nextEvent++)
        {
            pending.Enqueue(events[nextEvent], events[nextEvent].ArrivalUnixMs);
        }

        while (pending.TryDequeue(out var item, out _))
        {
            yield return item;
        }
    }

    private SyntheticItem EventItem(Random random, OwnershipEvent e)
    {
        double lateness = random.NextDouble() < _options.LateEventFraction ? random.NextDouble() * _options.MaxEventLatenessMs : random.NextDouble() * Math.Min(200, _options.MaxEventLatenessMs);
        return new SyntheticItem(e.TimestampUnixMs + (long)lateness, false, e, default);
    }

    private bool TryMakeFlow(Random random, long start, out FlowRecord flow)
    {
        flow = default;
        long duration = 1 + (long)(random.NextDouble() * (_options.FlowIntervalMs - 1));
        if (!TryPickOwned(random, start, start + duration, out int local, out string localOwner))
        {
            return false;
        }

        IpAddress remoteIp;
        if (random.NextDouble() < _options.ExternalFraction)
        {
            remoteIp = random.Next(2) == 0
                ? IpAddress.FromV4(203, 0, 113, (byte)random.Next(1, 255))
                : IpAddress.FromV4(100, 64, (byte)random.Next(256), (byte)random.Next(1, 255));
        }
        else if (TryPickOwned(random, start, start + duration, out int remote, out _))
        {
            remoteIp = _ips[remote];
        }
        else
        {
            return false;
        }

        uint rtt = (uint)(200 + (random.NextDouble() * random.NextDouble() * 50_000));
        uint packets = (uint)random.Next(1, 2_000);
        flow = new FlowRecord
        {
            LocalIp = _ips[local],
            LocalPort = (ushort)random.Next(1024, 65536),
            RemoteIp = remoteIp,
            RemotePort = (ushort)(random.Next(4) == 0 ? 443 : 8080),
            Protocol = FlowProtocol.Tcp,
            Direction = random.Next(2) == 0 ? FlowDirection.Client : FlowDirection.Server,
            StartUnixMs = start,
            EndUnixMs = start + duration,
            BytesSent = (ulong)packets * (ulong)random.Next(60, 1_460),
            BytesReceived = (ulong)random.Next(1, 2_000) * (ulong)random.Next(60, 1_460),
            PacketsSent = packets,
            PacketsReceived = (uint)random.Next(1, 2_000),
            Retransmits = random.Next(20) == 0 ? (uint)random.Next(1, 30) : 0,
            SmoothedRttMicros = rtt,
            LocalWorkload = random.NextDouble() < _options.HeartbeatFraction ? localOwner : null,
        };
        return true;
    }

    // A connection cannot outlive its address, so a flow is only made where one owner holds the IP throughout.
    private bool TryPickOwned(Random random, long start, long end, out int index, out string owner)
    {
        for (int attempt = 0; attempt < 8; attempt++)
        {
            index = random.Next(_ips.Length);
            foreach (var (s, e, o) in _truth[index])
            {
                if (o is not null && s <= start && end < e)
                {
                    owner = o;
                    return true;
                }
            }
        }

        (index, owner) = (0, string.Empty);
        return false;
    }
}
