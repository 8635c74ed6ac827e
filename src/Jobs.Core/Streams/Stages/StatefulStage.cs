using System.Runtime.ExceptionServices;
using Akka.Streams;
using Akka.Streams.Stage;
using StreamJobs.Metrics;

namespace StreamJobs.Streams.Stages;

/// <summary>
/// Runs a <see cref="StageLogic{TIn,TOut}"/>. Batches of records, timer ticks and the end of the stream reach the logic
/// one at a time on the stage's actor; what the logic emitted is pushed in engine-sized batches, and the next batch is
/// pulled only once all of it has gone, which keeps backpressure intact for timer-driven output too.
/// </summary>
/// <remarks>
/// Ticks come from the materializer's <see cref="TimeProvider"/>, so a test clock drives windows and restart backoffs.
/// A tick that fires while output is still pending runs once that output has gone.
/// </remarks>
internal sealed class StatefulStage<TIn, TOut> : GraphStage<FlowShape<Batch<TIn>, Batch<TOut>>>
{
    private readonly Func<StageLogic<TIn, TOut>> _factory;
    private readonly GraphScope _scope;
    private readonly StageMetrics _metrics;
    private readonly SupervisionStrategy _supervision;

    public StatefulStage(Func<StageLogic<TIn, TOut>> factory, GraphScope scope, StageMetrics metrics, SupervisionStrategy supervision)
    {
        _factory = factory;
        _scope = scope;
        _metrics = metrics;
        _supervision = supervision;
        Shape = new FlowShape<Batch<TIn>, Batch<TOut>>(new Inlet<Batch<TIn>>(metrics.Stage + ".in"), new Outlet<Batch<TOut>>(metrics.Stage + ".out"));
    }

    public override FlowShape<Batch<TIn>, Batch<TOut>> Shape { get; }

    protected override Akka.Streams.Attributes InitialAttributes => Akka.Streams.Attributes.CreateName(_metrics.Stage);

    protected override GraphStageLogic CreateLogic(Akka.Streams.Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : GraphStageLogic
    {
        private readonly StatefulStage<TIn, TOut> _stage;
        private readonly Inlet<Batch<TIn>> _in;
        private readonly Outlet<Batch<TOut>> _out;
        private readonly StageContext _context;
        private readonly Queue<Batch<TOut>> _pending = new();
        private Emitter<TOut> _emitter;
        private StageLogic<TIn, TOut> _logic;
        private Action? _tick;
        private Action? _backoffElapsed;
        private ITimer? _timer;
        private ITimer? _backoff;
        private bool _tickDue;
        private bool _upstreamDone;
        private int _consecutiveRestarts;

        public Logic(StatefulStage<TIn, TOut> stage) : base(stage.Shape)
        {
            _stage = stage;
            _in = stage.Shape.Inlet;
            _out = stage.Shape.Outlet;
            var scope = stage._scope;
            _context = new StageContext(scope.Name, stage._metrics, scope.Settings.Time, scope.Logger, scope.Settings.BatchSize);
            _emitter = new Emitter<TOut>(scope.Settings.BatchSize);
            _logic = CreateLogic();
            SetHandler(_in, onPush: OnPush, onUpstreamFinish: OnUpstreamFinish, onUpstreamFailure: FailStage);
            SetHandler(_out, onPull: OnPull, onDownstreamFinish: _ => CompleteStage());
        }

        public override void PreStart()
        {
            _tick = GetAsyncCallback(OnTick);
            _backoffElapsed = GetAsyncCallback(OnBackoffElapsed);
            if (_logic.TimerInterval is not { } interval) return;
            if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(StageLogic<TIn, TOut>.TimerInterval), interval, "A stage's TimerInterval must be positive.");
            _timer = _stage._scope.Settings.Time.CreateTimer(static state => ((Action)state!)(), _tick, interval, interval);
        }

        public override void PostStop()
        {
            _timer?.Dispose();
            _backoff?.Dispose();
        }

        private void OnPush()
        {
            var batch = Grab(_in);
            int restarts;
            try
            {
                restarts = Process(batch.Span);
            }
            catch (Exception error)
            {
                FailStage(error);
                return;
            }
            finally
            {
                // Counted once handled, not on arrival: whoever waits for the count (JobHarness.WaitUntilTakenAsync
                // before it moves a manual clock) must find the batch's clock already read.
                _stage._metrics.AddIn(batch.Count);
            }
            // The logic has copied what it keeps; the records it emitted live in the emitter's own array.
            batch.Return();
            TakeEmitted();
            if (restarts > 0)
            {
                _consecutiveRestarts += restarts;
                _backoff = _stage._scope.Settings.Time.CreateTimer(static state => ((Action)state!)(), _backoffElapsed,
                    _stage._supervision.BackoffFor(_consecutiveRestarts), Timeout.InfiniteTimeSpan);
                return;
            }
            _consecutiveRestarts = 0;
            Flow();
        }

        private void OnPull() => Flow();

        /// <summary>Pushes pending output; once none is left, runs a due tick, then completes or pulls.</summary>
        private void Flow()
        {
            if (_backoff is not null) return;
            if (_pending.Count > 0)
            {
                if (IsAvailable(_out)) Push(_out, _pending.Dequeue());
                if (_pending.Count > 0) return;
            }
            if (_tickDue && !_upstreamDone)
            {
                _tickDue = false;
                RunTick();
                if (_pending.Count > 0)
                {
                    if (IsAvailable(_out)) Push(_out, _pending.Dequeue());
                    return;
                }
            }
            if (_upstreamDone)
            {
                CompleteStage();
                return;
            }
            if (!HasBeenPulled(_in) && IsAvailable(_out)) Pull(_in);
        }

        private void OnTick()
        {
            if (_upstreamDone) return;
            _tickDue = true;
            if (_pending.Count == 0 && _backoff is null && (IsAvailable(_out) || !HasBeenPulled(_in))) Flow();
        }

        private void RunTick()
        {
            try
            {
                _logic.OnTimer(_stage._scope.Settings.Time.GetUtcNow(), _emitter);
            }
            catch (Exception error)
            {
                try
                {
                    Supervise(null, error);
                }
                catch (Exception stop)
                {
                    FailStage(stop);
                    return;
                }
            }
            TakeEmitted();
        }

        private void OnBackoffElapsed()
        {
            _backoff?.Dispose();
            _backoff = null;
            Flow();
        }

        private void OnUpstreamFinish()
        {
            _upstreamDone = true;
            _timer?.Dispose();
            try
            {
                _logic.OnUpstreamFinish(_emitter);
            }
            catch (Exception error)
            {
                FailStage(error);
                return;
            }
            TakeEmitted();
            Flow();
        }

        private int Process(ReadOnlySpan<TIn> records)
        {
            var restarts = StartBatch(records.Length);
            var retried = false;
            while (true)
            {
                var cursor = new RecordCursor<TIn>(records);
                try
                {
                    _logic.OnRecords(ref cursor, _emitter);
                    return restarts;
                }
                catch (Exception error)
                {
                    // The cursor says which record failed; a throw before the first record or after the last has none.
                    var at = cursor.Index;
                    var onRecord = at >= 0 && at < records.Length;
                    // Failing again before any record is no fault of a record, nor transient: the stage fails.
                    if (at < 0 && retried) throw;
                    retried = at < 0;
                    var rest = at < 0 ? records : records[Math.Min(at + 1, records.Length)..];
                    if (Supervise(onRecord ? records[at] : null, error))
                    {
                        // A fresh logic sees the rest of the batch as a batch of its own.
                        restarts++;
                        restarts += StartBatch(rest.Length);
                    }
                    if (rest.IsEmpty) return restarts;
                    records = rest;
                }
            }
        }

        /// <summary>Runs the logic's batch hook under supervision (no record to dead-letter); returns the restarts.</summary>
        private int StartBatch(int count)
        {
            try
            {
                _logic.OnBatchStart(count);
                return 0;
            }
            catch (Exception error)
            {
                if (!Supervise(null, error)) return 0;
                // The fresh logic gets its batch start too; failing again at once is no transient fault: the stage fails.
                _logic.OnBatchStart(count);
                return 1;
            }
        }

        /// <summary>Dead-letters <paramref name="record"/> or rethrows under Stop; true when the logic was restarted.</summary>
        private bool Supervise(object? record, Exception error)
        {
            Directive directive;
            try
            {
                directive = _stage._supervision.Decide(error);
            }
            catch
            {
                directive = Directive.Stop;
            }
            if (directive == Directive.Stop) ExceptionDispatchInfo.Throw(error);
            _stage._scope.PublishDeadLetter(_stage._metrics, record, error);
            GraphScope.CompleteReceipts(record);
            if (directive != Directive.Restart) return false;
            _logic = CreateLogic();
            return true;
        }

        /// <summary>Hands what the logic emitted to the stream in engine-sized batches; the emitter starts a new chunk.</summary>
        private void TakeEmitted()
        {
            var count = _emitter.Count;
            if (count == 0) return;
            _stage._metrics.AddOut(count);
            _emitter.DetachInto(_pending);
        }

        private StageLogic<TIn, TOut> CreateLogic()
        {
            var logic = _stage._factory() ?? throw new InvalidOperationException("A stage logic factory returned null.");
            logic.Start(_context);
            return logic;
        }
    }
}
