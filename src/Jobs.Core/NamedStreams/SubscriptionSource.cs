using Akka.Streams;
using Akka.Streams.Stage;
using StreamJobs.Metrics;
using StreamJobs.Streams;
using StreamJobs.Streams.Stages;

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

    private sealed class Logic(SubscriptionSource<T> source)
        : ChannelSourceLogic<T, Batch<T>>(source.Shape, source._subscription.Reader, source._metrics)
    {
        public override void PostStop() => source._unsubscribe();

        protected override Batch<T> Take() => source._subscription.Reader.TryRead(out var batch) ? batch : default;
    }
}
