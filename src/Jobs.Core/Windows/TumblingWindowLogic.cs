using System.Runtime.InteropServices;
using StreamJobs.Streams;

namespace StreamJobs.Windows;

/// <summary>
/// Keyed tumbling windows on event time: a record falls in the window [start, start + size) of its timestamp; a window
/// closes when the clock passes its end plus the allowed lateness. Records for windows already closed are dropped and counted.
/// </summary>
internal sealed class TumblingWindowLogic<T, TKey, TAcc, TOut> : StageLogic<T, TOut>
    where TKey : notnull
{
    private readonly WindowFunctions<T, TKey, TAcc, TOut> _functions;
    private readonly long _sizeTicks;
    private readonly TumblingWindowOptions _options;
    private readonly SortedDictionary<long, Dictionary<TKey, TAcc>> _windows = new();
    private long _closedBefore = long.MinValue;
    private int _open;

    public TumblingWindowLogic(TimeSpan size, WindowFunctions<T, TKey, TAcc, TOut> functions, TumblingWindowOptions options)
    {
        if (size <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(size), size, "A window size must be positive.");
        if (options.MaxOpenWindows < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaxOpenWindows, "MaxOpenWindows must be at least 1.");
        _sizeTicks = size.Ticks;
        _functions = functions;
        _options = options;
        TimerInterval = options.CheckInterval ?? TimeSpan.FromTicks(Math.Max(size.Ticks / 10, TimeSpan.FromMilliseconds(10).Ticks));
    }

    public override TimeSpan? TimerInterval { get; }

    public override void OnRecord(T record, Emitter<TOut> output)
    {
        var ticks = _functions.Timestamp(record).UtcTicks;
        var start = ticks - (ticks % _sizeTicks);
        if (start < _closedBefore)
        {
            Context.Metrics.AddDropped(1);
            return;
        }
        if (!_windows.TryGetValue(start, out var window))
        {
            window = new Dictionary<TKey, TAcc>();
            _windows.Add(start, window);
        }
        var key = _functions.Key(record);
        ref var acc = ref CollectionsMarshal.GetValueRefOrAddDefault(window, key, out var exists);
        if (!exists)
        {
            acc = _functions.Create(key);
            if (++_open > _options.MaxOpenWindows) CloseOldest(output);
        }
        acc = _functions.Add(acc!, record);
    }

    public override void OnTimer(DateTimeOffset now, Emitter<TOut> output)
    {
        var horizon = now.UtcTicks - _options.AllowedLateness.Ticks;
        while (_windows.Count > 0)
        {
            var start = _windows.Keys.First();
            if (start + _sizeTicks > horizon) break;
            Close(start, output, early: false);
        }
    }

    public override void OnUpstreamFinish(Emitter<TOut> output)
    {
        while (_windows.Count > 0) Close(_windows.Keys.First(), output, early: false);
    }

    private void CloseOldest(Emitter<TOut> output) => Close(_windows.Keys.First(), output, early: true);

    private void Close(long start, Emitter<TOut> output, bool early)
    {
        var window = _windows[start];
        _windows.Remove(start);
        _open -= window.Count;
        _closedBefore = Math.Max(_closedBefore, start + _sizeTicks);
        var from = new DateTimeOffset(start, TimeSpan.Zero);
        var to = new DateTimeOffset(start + _sizeTicks, TimeSpan.Zero);
        foreach (var (key, acc) in window) output.Emit(_functions.Result(new Window<TKey, TAcc>(key, from, to, acc, early)));
    }
}
