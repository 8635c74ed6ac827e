using Akka.Streams;
using Akka.Streams.Stage;
using StreamJobs.Metrics;

namespace StreamJobs.Streams.Stages;

/// <summary>
/// A source that fills a new array per batch through a <see cref="BatchGenerator{T}"/> each time downstream pulls.
/// A generator that completes synchronously is pushed at once; an asynchronous one comes back through an async callback.
/// On a drain it finishes the read in flight, pushes it and completes. An optional stop hook (a replayable source's
/// final commit) runs after the end and joins the graph's completion.
/// </summary>
internal sealed class BatchSource<T> : GraphStage<SourceShape<Batch<T>>>
{
    private readonly BatchGenerator<T> _generate;
    private readonly Func<bool, Task>? _stop;
    private readonly GraphScope _scope;
    private readonly StageMetrics _metrics;
    private readonly TaskCompletionSource? _stopped;

    public BatchSource(BatchGenerator<T> generate, GraphScope scope, StageMetrics metrics, Func<bool, Task>? stop = null)
    {
        _generate = generate;
        _scope = scope;
        _metrics = metrics;
        _stop = stop;
        Shape = new SourceShape<Batch<T>>(new Outlet<Batch<T>>(metrics.Stage + ".out"));
        if (stop is not null)
        {
            _stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            scope.Track(_stopped.Task);
        }
    }

    public override SourceShape<Batch<T>> Shape { get; }

    protected override Akka.Streams.Attributes InitialAttributes => Akka.Streams.Attributes.CreateName(_metrics.Stage);

    protected override GraphStageLogic CreateLogic(Akka.Streams.Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : GraphStageLogic
    {
        private readonly BatchSource<T> _source;
        private readonly Outlet<Batch<T>> _out;
        private Action<(int Count, Exception? Error)>? _readDone;
        private CancellationTokenRegistration _drainRegistration;
        private T[] _buffer = [];
        private bool _bufferPooled;
        private bool _reading;
        private bool _draining;
        private bool _stopCalled;

        public Logic(BatchSource<T> source) : base(source.Shape)
        {
            _source = source;
            _out = source.Shape.Outlet;
            SetHandler(_out, onPull: Read, onDownstreamFinish: _ => Finish(new OperationCanceledException("Downstream cancelled.")));
        }

        public override void PreStart()
        {
            _readDone = GetAsyncCallback<(int, Exception?)>(OnReadDone);
            var drain = GetAsyncCallback(OnDrain);
            _drainRegistration = _source._scope.ShutdownRequested.Register(drain);
        }

        public override void PostStop()
        {
            _drainRegistration.Dispose();
            // Stopped without an end of its own: aborted, or torn down with the materializer.
            Stop(aborted: true);
        }

        private void Read()
        {
            if (_draining)
            {
                Finish(null);
                return;
            }
            var size = _source._scope.Settings.BatchSize;
            var rented = Batch<T>.RentExact(size);
            _bufferPooled = rented is not null;
            _buffer = rented ?? Batch<T>.NewArray(size);
            ValueTask<int> read;
            try
            {
                read = _source._generate(_buffer, _source._scope.ShutdownRequested);
            }
            catch (Exception error)
            {
                OnReadDone((0, error));
                return;
            }
            if (read.IsCompletedSuccessfully)
            {
                OnReadDone((read.Result, null));
                return;
            }
            _reading = true;
            read.AsTask().ContinueWith(static (task, state) => ((Action<(int, Exception?)>)state!)(task.IsCompletedSuccessfully
                    ? (task.Result, null)
                    : (0, task.Exception?.GetBaseException() ?? new OperationCanceledException())),
                _readDone!, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        private void OnReadDone((int Count, Exception? Error) result)
        {
            _reading = false;
            if (result.Error is not null)
            {
                // A read cut short by the drain is the end of the stream, not a failure.
                var drained = result.Error is OperationCanceledException && _source._scope.ShutdownRequested.IsCancellationRequested && !_source._scope.Aborted.IsCancellationRequested;
                Finish(drained ? null : result.Error);
                return;
            }
            if (result.Count <= 0)
            {
                Finish(null);
                return;
            }
            _source._metrics.AddOut(result.Count);
            Push(_out, _bufferPooled ? Batch<T>.Pooled(_buffer, result.Count) : new Batch<T>(_buffer, result.Count));
            _buffer = [];
            _bufferPooled = false;
            if (_draining) Finish(null);
        }

        private void OnDrain()
        {
            if (_source._scope.Aborted.IsCancellationRequested)
            {
                Finish(new OperationCanceledException("The graph was aborted."));
                return;
            }
            _draining = true;
            if (!_reading) Finish(null);
        }

        private void Finish(Exception? error)
        {
            if (error is null) CompleteStage();
            else FailStage(error);
            Stop(aborted: error is not null || _source._scope.Aborted.IsCancellationRequested);
        }

        private void Stop(bool aborted)
        {
            if (_stopCalled || _source._stop is null) return;
            _stopCalled = true;
            Task stopping;
            try
            {
                stopping = _source._stop(aborted);
            }
            catch (Exception error)
            {
                _source._stopped!.TrySetException(error);
                return;
            }
            stopping.ContinueWith(static (task, state) =>
            {
                var stopped = (TaskCompletionSource)state!;
                if (task.IsCompletedSuccessfully) stopped.TrySetResult();
                else stopped.TrySetException(task.Exception?.GetBaseException() ?? new OperationCanceledException());
            }, _source._stopped, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }
}
