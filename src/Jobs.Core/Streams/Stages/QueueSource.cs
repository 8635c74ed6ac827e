using System.Buffers;
using Akka.Streams;
using Akka.Streams.Stage;
using StreamJobs.Metrics;

namespace StreamJobs.Streams.Stages;

/// <summary>
/// Drains a <see cref="SourceQueue{T}"/>: offers are copied into engine-sized batches (small ones coalesced, large ones
/// split), so each pushed array belongs to the stream alone and the offer's rented array goes straight back to the pool.
/// A drain closes the queue to new offers; what it holds still flows.
/// </summary>
internal sealed class QueueSource<T> : GraphStage<SourceShape<Batch<T>>>
{
    private readonly SourceQueue<T> _queue;
    private readonly GraphScope _scope;
    private readonly StageMetrics _metrics;

    public QueueSource(SourceQueue<T> queue, GraphScope scope, StageMetrics metrics)
    {
        _queue = queue;
        _scope = scope;
        _metrics = metrics;
        Shape = new SourceShape<Batch<T>>(new Outlet<Batch<T>>(metrics.Stage + ".out"));
    }

    public override SourceShape<Batch<T>> Shape { get; }

    protected override Akka.Streams.Attributes InitialAttributes => Akka.Streams.Attributes.CreateName(_metrics.Stage);

    protected override GraphStageLogic CreateLogic(Akka.Streams.Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic(QueueSource<T> source)
        : ChannelSourceLogic<T, (T[] Items, int Count)>(source.Shape, source._queue.Reader, source._metrics)
    {
        private CancellationTokenRegistration _drainRegistration;
        private (T[] Items, int Count) _partial;
        private int _partialOffset;

        public override void PreStart()
        {
            base.PreStart();
            _drainRegistration = source._scope.ShutdownRequested.Register(source._queue.Complete);
        }

        public override void PostStop()
        {
            _drainRegistration.Dispose();
            if (_partial.Items is not null) ArrayPool<T>.Shared.Return(_partial.Items, clearArray: true);
        }

        /// <summary>Copies what is queued into a new batch: whole offers while they fit, then slices of a large one.</summary>
        protected override Batch<T> Take()
        {
            var size = source._scope.Settings.BatchSize;
            var reader = source._queue.Reader;
            T[]? batch = null;
            var pooled = false;
            var filled = 0;
            while (filled < size)
            {
                if (_partial.Items is null)
                {
                    if (!reader.TryPeek(out var next)) break;
                    if (filled > 0 && filled + next.Count > size && next.Count <= size) break;
                    reader.TryRead(out _partial);
                    _partialOffset = 0;
                }
                if (batch is null)
                {
                    batch = Batch<T>.RentExact(size);
                    pooled = batch is not null;
                    batch ??= Batch<T>.NewArray(size);
                }
                var take = Math.Min(size - filled, _partial.Count - _partialOffset);
                _partial.Items.AsSpan(_partialOffset, take).CopyTo(batch.AsSpan(filled));
                filled += take;
                _partialOffset += take;
                if (_partialOffset == _partial.Count)
                {
                    ArrayPool<T>.Shared.Return(_partial.Items, clearArray: true);
                    _partial = default;
                }
            }
            if (batch is null) return default;
            return pooled ? Batch<T>.Pooled(batch, filled) : new Batch<T>(batch, filled);
        }
    }
}
