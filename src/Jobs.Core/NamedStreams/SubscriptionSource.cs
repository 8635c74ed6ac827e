using Akka.Streams;
using Akka.Streams.Stage;
using StreamJobs.Metrics;
using StreamJobs.Streams;

namespace StreamJobs.NamedStreams;

/// <summary>
/// Emits what a <see cref="Subscription{T}"/> receives, batch by batch; completes or fails with the named stream, and
/// unsubscribes when it stops for any reason. It ignores a drain: it ends when its publishers end.
/// </summary>
internal sealed class SubscriptionSource<T> : GraphStage<SourceShape<Batch<T>>>
{
    private readonly Subscription<T> _subscription;
    private readonly StageMetrics _metrics;
    private readonly Action _unsubscribe;

    public SubscriptionSource(Subscription<T> subscription, StageMetrics metrics, Action unsubscribe)
    {
        _subscription = subscription;
        _metrics = metrics;
        _unsubscribe = unsubscribe;
        Shape = new SourceShape<Batch<T>>(new Outlet<Batch<T>>(metrics.Stage + ".out"));
    }

    public override SourceShape<Batch<T>> Shape { get; }

    protected override Akka.Streams.Attributes InitialAttributes => Akka.Streams.Attributes.CreateName(_metrics.Stage);

    protected override GraphStageLogic CreateLogic(Akka.Streams.Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : GraphStageLogic
    {
        private readonly SubscriptionSource<T> _source;
        private readonly Outlet<Batch<T>> _out;
        private Action<bool>? _readable;
        private bool _waiting;

        public Logic(SubscriptionSource<T> source) : base(source.Shape)
        {
            _source = source;
            _out = source.Shape.Outlet;
            SetHandler(_out, onPull: TryPush, onDownstreamFinish: _ => CompleteStage());
        }

        public override void PreStart() => _readable = GetAsyncCallback<bool>(OnReadable);

        public override void PostStop() => _source._unsubscribe();

        private void TryPush()
        {
            var reader = _source._subscription.Reader;
            if (reader.TryRead(out var batch))
            {
                _source._metrics.AddOut(batch.Count);
                Push(_out, batch);
                return;
            }
            if (_waiting) return;
            _waiting = true;
            var wait = reader.WaitToReadAsync();
            if (wait.IsCompletedSuccessfully)
            {
                OnReadable(wait.Result);
                return;
            }
            wait.AsTask().ContinueWith(static (task, state) => ((Action<bool>)state!)(task.IsCompletedSuccessfully && task.Result),
                _readable!, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        private void OnReadable(bool more)
        {
            _waiting = false;
            if (more)
            {
                if (IsAvailable(_out)) TryPush();
                return;
            }
            var completion = _source._subscription.Reader.Completion;
            if (completion.IsFaulted) FailStage(completion.Exception!.GetBaseException());
            else CompleteStage();
        }
    }
}
