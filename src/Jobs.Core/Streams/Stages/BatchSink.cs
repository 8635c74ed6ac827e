using Akka.Streams;
using Akka.Streams.Stage;
using StreamJobs.Metrics;

namespace StreamJobs.Streams.Stages;

/// <summary>
/// The end of a graph: hands each batch to a handler and pulls the next only once the handler's task has completed
/// (backpressure). Its <see cref="Completion"/> is the sink's materialized task and part of the graph's completion.
/// A handler that throws fails the stage, and the task faults with that same exception.
/// </summary>
internal sealed class BatchSink<T> : GraphStage<SinkShape<Batch<T>>>
{
    private readonly Func<Batch<T>, CancellationToken, ValueTask> _handler;
    private readonly Func<ValueTask>? _onComplete;
    private readonly GraphScope _scope;
    private readonly bool _returnsArrays;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="handler">Handles a batch; it may use the batch only until its task completes.</param>
    /// <param name="onComplete">Runs at the end of a successful stream (flush).</param>
    /// <param name="scope">The graph.</param>
    /// <param name="metrics">The sink's counters.</param>
    /// <param name="returnsArrays">
    /// False for a sink that hands batches on (a named stream's publisher): then a pooled array is not returned after
    /// the handler, since others still read it.
    /// </param>
    public BatchSink(Func<Batch<T>, CancellationToken, ValueTask> handler, Func<ValueTask>? onComplete, GraphScope scope, StageMetrics metrics, bool returnsArrays = true)
    {
        _returnsArrays = returnsArrays;
        _handler = handler;
        _onComplete = onComplete;
        _scope = scope;
        Metrics = metrics;
        Shape = new SinkShape<Batch<T>>(new Inlet<Batch<T>>(metrics.Stage + ".in"));
        scope.Track(_completion.Task);
    }

    public StageMetrics Metrics { get; }

    public Task Completion => _completion.Task;

    public override SinkShape<Batch<T>> Shape { get; }

    protected override Akka.Streams.Attributes InitialAttributes => Akka.Streams.Attributes.CreateName(Metrics.Stage);

    protected override GraphStageLogic CreateLogic(Akka.Streams.Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : GraphStageLogic
    {
        private readonly BatchSink<T> _sink;
        private readonly Inlet<Batch<T>> _in;
        private Action<Exception?>? _handled;
        private Action<Exception?>? _flushed;
        private bool _busy;
        private Batch<T> _handling;
        private bool _finishing;

        public Logic(BatchSink<T> sink) : base(sink.Shape)
        {
            _sink = sink;
            _in = sink.Shape.Inlet;
            SetHandler(_in, onPush: OnPush, onUpstreamFinish: OnUpstreamFinish, onUpstreamFailure: Fail);
        }

        public override void PreStart()
        {
            _handled = GetAsyncCallback<Exception?>(OnHandled);
            _flushed = GetAsyncCallback<Exception?>(OnFlushed);
            // The stage ends itself (after the last handler and the flush), not when its only port closes.
            SetKeepGoing(true);
            Pull(_in);
        }

        public override void PostStop() =>
            _sink._completion.TrySetException(new AbruptStageTerminationException(this));

        private void OnPush()
        {
            var batch = Grab(_in);
            _sink.Metrics.AddIn(batch.Count);
            ValueTask handled;
            try
            {
                handled = _sink._handler(batch, _sink._scope.Aborted);
            }
            catch (Exception error)
            {
                Fail(error);
                return;
            }
            if (handled.IsCompletedSuccessfully)
            {
                Release(batch);
                Pull(_in);
                return;
            }
            _busy = true;
            _handling = batch;
            var callback = _handled!;
            handled.AsTask().ContinueWith(static (task, state) => ((Action<Exception?>)state!)(task.Exception?.GetBaseException() ?? (task.IsCanceled ? new TaskCanceledException(task) : null)),
                callback, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        private void Release(Batch<T> batch)
        {
            if (_sink._returnsArrays) batch.Return();
        }

        private void OnHandled(Exception? error)
        {
            _busy = false;
            if (error is null) Release(_handling);
            _handling = default;
            if (error is not null) Fail(error);
            else if (_finishing) Finish();
            else Pull(_in);
        }

        private void OnUpstreamFinish()
        {
            if (_busy) _finishing = true;
            else Finish();
        }

        private void Finish()
        {
            if (_sink._onComplete is null)
            {
                Succeed();
                return;
            }
            ValueTask flushed;
            try
            {
                flushed = _sink._onComplete();
            }
            catch (Exception error)
            {
                Fail(error);
                return;
            }
            if (flushed.IsCompletedSuccessfully)
            {
                Succeed();
                return;
            }
            _finishing = false;
            var done = _flushed!;
            flushed.AsTask().ContinueWith(static (task, state) => ((Action<Exception?>)state!)(task.Exception?.GetBaseException() ?? (task.IsCanceled ? new TaskCanceledException(task) : null)),
                done, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        private void OnFlushed(Exception? error)
        {
            if (error is null) Succeed();
            else Fail(error);
        }

        private void Succeed()
        {
            _sink._completion.TrySetResult();
            CompleteStage();
        }

        private void Fail(Exception error)
        {
            _sink._completion.TrySetException(error);
            FailStage(error);
        }
    }
}
