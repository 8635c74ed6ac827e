using System.Runtime.ExceptionServices;
using Akka.Streams;
using Akka.Streams.Stage;
using StreamJobs.Streams.Fusion;

namespace StreamJobs.Streams.Stages;

/// <summary>
/// Adjacent Select/Where/operator steps run as one stage: one pass over each batch, the composed steps inlined into the
/// loop. The try/catch sits outside the loop, so supervision costs nothing until a record throws; then that record is
/// judged by the strategy of the step that threw, and the loop resumes after it.
/// </summary>
internal sealed class FusedRecordStage<TIn, TOut, TChain> : GraphStage<FlowShape<Batch<TIn>, Batch<TOut>>>
    where TChain : struct, IRecordChain<TIn, TOut>
{
    private readonly TChain _chain;
    private readonly RecordStep[] _steps;
    private readonly GraphScope _scope;

    public FusedRecordStage(TChain chain, RecordStep[] steps, GraphScope scope)
    {
        _chain = chain;
        _steps = steps;
        _scope = scope;
        var name = steps[^1].Metrics.Stage;
        Shape = new FlowShape<Batch<TIn>, Batch<TOut>>(new Inlet<Batch<TIn>>(name + ".in"), new Outlet<Batch<TOut>>(name + ".out"));
    }

    public override FlowShape<Batch<TIn>, Batch<TOut>> Shape { get; }

    protected override Akka.Streams.Attributes InitialAttributes => Akka.Streams.Attributes.CreateName(_steps[^1].Metrics.Stage);

    protected override GraphStageLogic CreateLogic(Akka.Streams.Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : GraphStageLogic
    {
        private readonly FusedRecordStage<TIn, TOut, TChain> _stage;
        private readonly Inlet<Batch<TIn>> _in;
        private readonly Outlet<Batch<TOut>> _out;
        private readonly long[] _stopped;
        private Action? _backoffElapsed;
        private ITimer? _backoff;
        private Batch<TOut> _held;
        private bool _holding;
        private bool _finishing;
        private int _consecutiveRestarts;
        private SupervisionStrategy? _restartedBy;

        public Logic(FusedRecordStage<TIn, TOut, TChain> stage) : base(stage.Shape)
        {
            _stage = stage;
            _in = stage.Shape.Inlet;
            _out = stage.Shape.Outlet;
            _stopped = new long[stage._steps.Length];
            SetHandler(_in, onPush: OnPush, onUpstreamFinish: OnUpstreamFinish, onUpstreamFailure: FailStage);
            SetHandler(_out, onPull: () => Pull(_in), onDownstreamFinish: cause => CompleteStage());
        }

        public override void PreStart() => _backoffElapsed = GetAsyncCallback(Release);

        public override void PostStop() => _backoff?.Dispose();

        private void OnPush()
        {
            var batch = Grab(_in);
            var (output, pooled) = OutputFor(batch);
            int produced, restarts;
            try
            {
                Process(batch.Span, output, out produced, out restarts);
            }
            catch (Exception error)
            {
                FailStage(error);
                return;
            }
            // In place the input array is the output; otherwise the input is used up and its array can go back.
            if (!ReferenceEquals(output, batch.Items)) batch.Return();
            var result = pooled ? Batch<TOut>.Pooled(output, produced) : new Batch<TOut>(output, produced);
            if (produced == 0)
            {
                result.Return();
                result = default;
            }
            if (restarts > 0)
            {
                // A restarted record step has no state to rebuild; what Restart adds over Resume is the backoff.
                _consecutiveRestarts += restarts;
                _held = result;
                _holding = true;
                _backoff = _stage._scope.Settings.Time.CreateTimer(static state => ((Action)state!)(), _backoffElapsed,
                    _restartedBy!.BackoffFor(_consecutiveRestarts), Timeout.InfiniteTimeSpan);
                return;
            }
            _consecutiveRestarts = 0;
            Emit(result);
        }

        private void Emit(Batch<TOut> batch)
        {
            if (batch.Count == 0) Pull(_in);
            else Push(_out, batch);
        }

        private void Release()
        {
            _backoff?.Dispose();
            _backoff = null;
            _holding = false;
            var held = _held;
            _held = default;
            if (held.Count > 0) Push(_out, held);
            else if (!_finishing) Pull(_in);
            if (_finishing) CompleteStage();
        }

        private void OnUpstreamFinish()
        {
            if (_holding) _finishing = true;
            else CompleteStage();
        }

        /// <summary>
        /// Where the output goes: in place when the stage holds a pooled batch of the same record type (a record is
        /// written at or before the slot it was read from), else a rented or new array.
        /// </summary>
        private static (TOut[] Output, bool Pooled) OutputFor(Batch<TIn> batch)
        {
            if (batch.IsPooled && typeof(TIn) == typeof(TOut)) return ((TOut[])(object)batch.Items!, true);
            var rented = Batch<TOut>.RentExact(batch.Count);
            return rented is null ? (Batch<TOut>.NewArray(batch.Count), false) : (rented, true);
        }

        private void Process(ReadOnlySpan<TIn> input, TOut[] output, out int produced, out int restarts)
        {
            var stopped = _stopped;
            var chain = _stage._chain;
            produced = 0;
            restarts = 0;
            var i = 0;
            while (true)
            {
                try
                {
                    for (; i < input.Length; i++)
                    {
                        var dropped = chain.Apply(input[i], out var result);
                        if (dropped < 0) output[produced++] = result;
                        else stopped[dropped]++;
                    }
                    Count(input.Length);
                    return;
                }
                catch (Exception error) when (i < input.Length)
                {
                    var (step, stepInput) = chain.Locate(input[i]);
                    if (step < 0) (step, stepInput) = (_stage._steps.Length - 1, input[i]);
                    var failed = _stage._steps[step];
                    var directive = Decide(failed.Supervision, error);
                    if (directive == Directive.Stop) ExceptionDispatchInfo.Throw(error);
                    stopped[step]++;
                    _stage._scope.PublishDeadLetter(failed.Metrics, stepInput, error);
                    GraphScope.CompleteReceipts(input[i]);
                    if (directive == Directive.Restart)
                    {
                        restarts++;
                        _restartedBy = failed.Supervision;
                    }
                    i++;
                }
            }
        }

        /// <summary>Per-step counters from one histogram of where records stopped: a step saw every record that stopped at or after it.</summary>
        private void Count(int taken)
        {
            var steps = _stage._steps;
            long reached = taken;
            for (var s = 0; s < steps.Length; s++)
            {
                var stoppedHere = _stopped[s];
                steps[s].Metrics.AddIn(reached);
                reached -= stoppedHere;
                steps[s].Metrics.AddOut(reached);
                _stopped[s] = 0;
            }
        }

        private static Directive Decide(SupervisionStrategy supervision, Exception error)
        {
            try
            {
                return supervision.Decide(error);
            }
            catch
            {
                return Directive.Stop;
            }
        }
    }
}
