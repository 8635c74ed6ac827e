using StreamJobs.Streams;

namespace StreamJobs.Windows;

/// <summary>
/// Keyed session windows on processing time: a key's session stays open while records keep arriving within the gap,
/// and closes when it has been quiet for the gap or reached its maximum duration.
/// </summary>
internal sealed class SessionWindowLogic<T, TKey, TAcc, TOut> : StageLogic<T, TOut>
    where TKey : notnull
{
    private readonly WindowFunctions<T, TKey, TAcc, TOut> _functions;
    private readonly long _gapTicks;
    private readonly long _maxTicks;
    private readonly SessionWindowOptions _options;
    private readonly Dictionary<TKey, Session> _sessions = new();
    // Deadlines are only ever pushed later, so stale queue entries are re-queued lazily when they come up.
    private readonly PriorityQueue<TKey, long> _deadlines = new();
    private long _batchNow;

    public SessionWindowLogic(TimeSpan gap, WindowFunctions<T, TKey, TAcc, TOut> functions, SessionWindowOptions options)
    {
        if (gap <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(gap), gap, "A session gap must be positive.");
        if (options.MaxSessions < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaxSessions, "MaxSessions must be at least 1.");
        _gapTicks = gap.Ticks;
        _maxTicks = options.MaxDuration?.Ticks ?? long.MaxValue / 2;
        _functions = functions;
        _options = options;
        TimerInterval = options.CheckInterval ?? TimeSpan.FromTicks(Math.Max(gap.Ticks / 10, TimeSpan.FromMilliseconds(10).Ticks));
    }

    public override TimeSpan? TimerInterval { get; }

    /// <summary>A batch arrives at one moment: the clock is read once for all its records, not once per record.</summary>
    public override void OnBatchStart(int count) => _batchNow = Context.Time.GetUtcNow().UtcTicks;

    public override void OnRecord(T record, Emitter<TOut> output)
    {
        var now = _batchNow;
        var key = _functions.Key(record);
        if (!_sessions.TryGetValue(key, out var session))
        {
            session = new Session { Start = now, Accumulator = _functions.Create(key) };
            _sessions.Add(key, session);
            _deadlines.Enqueue(key, Math.Min(now + _gapTicks, now + _maxTicks));
            if (_sessions.Count > _options.MaxSessions) CloseSoonest(output);
        }
        session.LastSeen = now;
        session.Accumulator = _functions.Add(session.Accumulator, record);
    }

    public override void OnTimer(DateTimeOffset now, Emitter<TOut> output)
    {
        var ticks = now.UtcTicks;
        while (_deadlines.TryPeek(out var key, out var deadline) && deadline <= ticks)
        {
            _deadlines.Dequeue();
            if (!_sessions.TryGetValue(key, out var session)) continue;
            var actual = Deadline(session);
            if (actual <= ticks) Close(key, session, output, early: false);
            else _deadlines.Enqueue(key, actual);
        }
    }

    public override void OnUpstreamFinish(Emitter<TOut> output)
    {
        foreach (var (key, session) in _sessions) Emit(key, session, output, early: false);
        _sessions.Clear();
        _deadlines.Clear();
    }

    private void CloseSoonest(Emitter<TOut> output)
    {
        while (_deadlines.TryDequeue(out var key, out _))
        {
            if (!_sessions.TryGetValue(key, out var session)) continue;
            Close(key, session, output, early: true);
            return;
        }
    }

    private long Deadline(Session session) => Math.Min(session.LastSeen + _gapTicks, session.Start + _maxTicks);

    private void Close(TKey key, Session session, Emitter<TOut> output, bool early)
    {
        _sessions.Remove(key);
        Emit(key, session, output, early);
    }

    private void Emit(TKey key, Session session, Emitter<TOut> output, bool early) =>
        output.Emit(_functions.Result(new Window<TKey, TAcc>(key, new DateTimeOffset(session.Start, TimeSpan.Zero),
            new DateTimeOffset(session.LastSeen, TimeSpan.Zero), session.Accumulator, early)));

    private sealed class Session
    {
        public long Start;
        public long LastSeen;
        public TAcc Accumulator = default!;
    }
}
