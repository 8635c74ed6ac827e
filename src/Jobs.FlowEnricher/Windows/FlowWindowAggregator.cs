namespace StreamJobs.FlowEnricher.Windows;

/// <summary>
/// Tumbling windows over enriched flows (by flow start) keyed by (local app, remote app), with exact sums and RTT
/// percentiles. A window closes when its end plus the allowed lateness has passed by the caller's clock; a flow for
/// an already closed window is dropped and counted. Not thread-safe.
/// </summary>
public sealed class FlowWindowAggregator : IEnrichedFlowSink
{
    private const int SpareTables = 2;
    private readonly long _sizeMs;
    private readonly long _latenessMs;
    private readonly int _maxOpen;
    private readonly int _exactRtt;
    private readonly List<OpenWindow> _open = [];
    private readonly List<FlowWindow> _closedEarly = [];
    private readonly Stack<PairTable> _spareTables = new();
    private OpenWindow? _recent;
    private long _closedBefore = long.MinValue;

    /// <summary>Creates an aggregator.</summary>
    public FlowWindowAggregator(FlowWindowOptions? options = null)
    {
        options ??= new FlowWindowOptions();
        _sizeMs = (long)options.WindowSize.TotalMilliseconds;
        ArgumentOutOfRangeException.ThrowIfLessThan(_sizeMs, 1L, nameof(options));
        _latenessMs = (long)options.AllowedLateness.TotalMilliseconds;
        _maxOpen = Math.Max(1, options.MaxOpenWindows);
        _exactRtt = Math.Max(1, options.ExactRttSamples);
    }

    /// <summary>Flows dropped because their window had already closed.</summary>
    public long LateDropped { get; private set; }

    /// <summary>Windows closed before their time because <see cref="FlowWindowOptions.MaxOpenWindows"/> was reached.</summary>
    public long ClosedEarly { get; private set; }

    /// <summary>Windows open now.</summary>
    public int OpenWindows => _open.Count;

    /// <inheritdoc/>
    public void Accept(in EnrichedFlow flow)
    {
        long start = flow.Flow.StartUnixMs;
        // Most flows fall in the window of the flow before: a range check spares the two divisions below.
        var window = _recent is { } recent && (ulong)(start - recent.StartUnixMs) < (ulong)_sizeMs
            ? recent
            : Find(start - (((start % _sizeMs) + _sizeMs) % _sizeMs));
        if (window is null)
        {
            LateDropped++;
            return;
        }

        _recent = window;
        window.Pairs.GetOrAdd(flow.LocalApp, flow.RemoteApp).Add(flow.Flow, _exactRtt);
    }

    /// <summary>Adds a batch of enriched flows.</summary>
    public void Add(ReadOnlySpan<EnrichedFlow> flows)
    {
        foreach (ref readonly var flow in flows)
        {
            Accept(flow);
        }
    }

    /// <summary>Closes every window whose end plus allowed lateness is at or before <paramref name="now"/>; returns windows emitted.</summary>
    public int CloseDue(DateTimeOffset now, ICollection<FlowWindow> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        long nowMs = now.ToUnixTimeMilliseconds();
        int emitted = FlushClosedEarly(output);
        while (_open.Count > 0 && _open[0].StartUnixMs + _sizeMs + _latenessMs <= nowMs)
        {
            emitted += CloseOldest(output);
        }

        return emitted;
    }

    /// <summary>Closes every open window (shutdown); returns windows emitted.</summary>
    public int CloseAll(ICollection<FlowWindow> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int emitted = FlushClosedEarly(output);
        while (_open.Count > 0)
        {
            emitted += CloseOldest(output);
        }

        return emitted;
    }

    private int FlushClosedEarly(ICollection<FlowWindow> output)
    {
        int count = _closedEarly.Count;
        foreach (var window in _closedEarly)
        {
            output.Add(window);
        }

        _closedEarly.Clear();
        return count;
    }

    private OpenWindow? Find(long windowStart)
    {
        if (windowStart < _closedBefore)
        {
            return null;
        }

        int index = 0;
        while (index < _open.Count && _open[index].StartUnixMs < windowStart)
        {
            index++;
        }

        if (index < _open.Count && _open[index].StartUnixMs == windowStart)
        {
            return _open[index];
        }

        var window = new OpenWindow(windowStart, _spareTables.TryPop(out var pairs) ? pairs : new PairTable());
        _open.Insert(index, window);
        if (_open.Count > _maxOpen)
        {
            ClosedEarly++;
            CloseOldest(_closedEarly);
            if (window.StartUnixMs < _closedBefore)
            {
                return null;
            }
        }

        return window;
    }

    private int CloseOldest(ICollection<FlowWindow> output)
    {
        var window = _open[0];
        _open.RemoveAt(0);
        if (ReferenceEquals(_recent, window))
        {
            _recent = null;
        }

        long end = window.StartUnixMs + _sizeMs;
        _closedBefore = Math.Max(_closedBefore, end);
        foreach (ref var sums in window.Pairs.Entries)
        {
            var (p50, p90, p99) = sums.Rtt.Percentiles();
            output.Add(new FlowWindow
            {
                WindowStartUnixMs = window.StartUnixMs,
                WindowEndUnixMs = end,
                LocalApp = sums.Local,
                RemoteApp = sums.Remote,
                Flows = sums.Flows,
                BytesSent = sums.BytesSent,
                BytesReceived = sums.BytesReceived,
                PacketsSent = sums.PacketsSent,
                PacketsReceived = sums.PacketsReceived,
                Retransmits = sums.Retransmits,
                RttSamples = sums.Rtt.Count,
                RttP50Micros = p50,
                RttP90Micros = p90,
                RttP99Micros = p99,
                RttExact = sums.Rtt.IsExact,
            });
        }

        int count = window.Pairs.Count;
        if (_spareTables.Count < SpareTables)
        {
            // Windows open about as often as they close: a couple of spares serve the next ones without new arrays.
            window.Pairs.Clear();
            _spareTables.Push(window.Pairs);
        }
        else
        {
            window.Pairs.Release();
        }

        return count;
    }
}
