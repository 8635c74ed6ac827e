using System.Reflection;
using StreamJobs.Acknowledgement;
using StreamJobs.Streams;
using StreamJobs.Streams.Wiring;

namespace StreamJobs.NamedStreams;

/// <summary>
/// A named broadcast hub: jobs publish into it, other jobs subscribe to it (and backpressure it), and taps watch it
/// (and never do). The seam between chained jobs, sinks and live queries.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class NamedStream<T> : INamedStream, IEndsUnpublished
{
    private readonly object _lock = new();
    private Subscription<T>[] _subscribers = [];
    private Tap<T>[] _taps = [];
    private int _publishers;
    private bool _ended;
    private Exception? _error;
    private long _published;
    private long _tapDropped;
    // Null unless T carries receipts (IHasReceipts): then it retains a batch's receipts for extra holders.
    private static readonly RetainReceipts? s_retain = CreateRetain();

    private delegate void RetainReceipts(ReadOnlySpan<T> records, int count);

    internal NamedStream(string name) => Name = name;

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public Type RecordType => typeof(T);

    /// <inheritdoc />
    public long Published => Interlocked.Read(ref _published);

    /// <inheritdoc />
    public int Subscribers => Volatile.Read(ref _subscribers).Length;

    /// <inheritdoc />
    public int Taps => Volatile.Read(ref _taps).Length;

    /// <inheritdoc />
    public long TapDropped => Interlocked.Read(ref _tapDropped);

    /// <summary>
    /// A sink that publishes into this stream. Several publishers may feed one stream; subscribers complete when the
    /// last one completes, and fail when one fails.
    /// </summary>
    public Sink<T, Task> Publish() => Sink.Forwarding<T>(PublishAsync, "publish-" + Name)
        .MapMaterializedValue(done => Track(done));

    /// <summary>A source of this stream's records for a job; a slow subscriber slows the publishers (backpressure).</summary>
    public Source<T, NotUsed> Subscribe(int? bufferBatches = null) => Subscribe(bufferBatches, completesReceipts: false);

    /// <summary>
    /// A source of this stream's records for a job; a slow subscriber slows the publishers (backpressure). With
    /// <paramref name="completesReceipts"/>, the subscriber declares that it completes (or passes on to a sink that
    /// completes) the receipts of what it receives: when several subscribers do, each record published is retained
    /// for each of them (<see cref="IHasReceipts"/>), so its source commits it only once all of them have finished
    /// with it. Subscribers that only watch (metrics, a side archive) leave it false and must not complete receipts.
    /// </summary>
    public Source<T, NotUsed> Subscribe(int? bufferBatches, bool completesReceipts)
    {
        if (bufferBatches is < 1) throw new ArgumentOutOfRangeException(nameof(bufferBatches), bufferBatches, "A subscription needs room for at least one batch.");
        return new Source<T, NotUsed>((scope, attributes) =>
        {
            var subscription = new Subscription<T>(bufferBatches ?? scope.BufferBatchesOf(attributes), completesReceipts);
            var metrics = scope.Stage(attributes, "subscribe-" + Name, Metrics.StageKind.Source);
            // Registered while wiring, before any job of the host starts, so no job misses what is published first.
            lock (_lock)
            {
                if (_ended) subscription.Complete(_error);
                else _subscribers = [.. _subscribers, subscription];
            }
            var source = new SubscriptionSource<T>(subscription, metrics, () => Unsubscribe(subscription));
            return (new SourceSegment<T>(scope.Source(source)), NotUsed.Instance);
        });
    }

    /// <summary>Opens a lossy tap holding at most <paramref name="capacityBatches"/> batches; dispose it to close.</summary>
    public Tap<T> OpenTap(int capacityBatches = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityBatches, 1);
        var tap = new Tap<T>(capacityBatches, CloseTap);
        lock (_lock)
        {
            if (_ended) tap.Complete();
            else _taps = [.. _taps, tap];
        }
        return tap;
    }

    private Task Track(Task done)
    {
        lock (_lock) _publishers++;
        done.ContinueWith(static (task, state) => ((NamedStream<T>)state!).PublisherCompleted(task.Exception?.GetBaseException()), this,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return done;
    }

    private async ValueTask PublishAsync(Batch<T> batch, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _published, batch.Count);
        foreach (var tap in Volatile.Read(ref _taps))
        {
            var dropped = tap.Offer(batch.Span);
            if (dropped > 0) Interlocked.Add(ref _tapDropped, dropped);
        }
        var subscribers = Volatile.Read(ref _subscribers);
        // A lone subscriber is the batch's next and only holder, so a pooled array goes on to it and its graph returns
        // it; dropping it here made the pool an allocator (a batch-sized array per batch on the span path). Several
        // subscribers read the same array, so none of them may hand it back; with none (taps copy) it goes back now.
        if (subscribers.Length == 0)
        {
            batch.Return();
            return;
        }
        if (subscribers.Length > 1) batch = batch.Unpooled();
        if (s_retain is not null) RetainForExtraHolders(batch.Span, subscribers);
        foreach (var subscriber in subscribers)
        {
            await subscriber.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    // Before any subscriber sees the batch, so that no completion can come before the holds it must wait for.
    private static void RetainForExtraHolders(ReadOnlySpan<T> records, Subscription<T>[] subscribers)
    {
        var holders = 0;
        foreach (var subscriber in subscribers)
        {
            if (subscriber.CompletesReceipts) holders++;
        }
        if (holders > 1) s_retain!(records, holders - 1);
    }

    private static RetainReceipts? CreateRetain()
    {
        if (!typeof(IHasReceipts).IsAssignableFrom(typeof(T))) return null;
        var method = typeof(ReceiptRetainer<>).MakeGenericType(typeof(T)).GetMethod(nameof(ReceiptRetainer<IHasReceipts>.Retain), BindingFlags.Public | BindingFlags.Static)!;
        return method.CreateDelegate<RetainReceipts>();
    }

    /// <summary>Ends a stream nobody publishes to, at a drain: its subscribers would otherwise wait for it until the drain times out.</summary>
    void IEndsUnpublished.EndIfUnpublished()
    {
        Subscription<T>[] subscribers;
        Tap<T>[] taps;
        lock (_lock)
        {
            if (_publishers > 0 || _ended) return;
            _ended = true;
            subscribers = _subscribers;
            taps = _taps;
        }
        foreach (var subscriber in subscribers) subscriber.Complete(null);
        foreach (var tap in taps) tap.Complete();
    }

    private void PublisherCompleted(Exception? error)
    {
        Subscription<T>[] subscribers;
        Tap<T>[] taps;
        lock (_lock)
        {
            _error ??= error;
            if (--_publishers > 0 && error is null) return;
            _ended = true;
            subscribers = _subscribers;
            taps = _taps;
        }
        foreach (var subscriber in subscribers) subscriber.Complete(_error);
        foreach (var tap in taps) tap.Complete();
    }

    private void Unsubscribe(Subscription<T> subscription)
    {
        lock (_lock) _subscribers = _subscribers.Where(s => s != subscription).ToArray();
        subscription.Close();
    }

    private void CloseTap(Tap<T> tap)
    {
        lock (_lock) _taps = _taps.Where(t => t != tap).ToArray();
    }
}
