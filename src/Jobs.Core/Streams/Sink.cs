using Akka.Streams.Dsl;
using StreamJobs.Streams.Stages;
using Dsl = Akka.Streams.Dsl;

namespace StreamJobs.Streams;

/// <summary>Factories of sinks. Each materializes to a task that completes (or faults) with the stream.</summary>
public static class Sink
{
    /// <summary>Takes and discards every record.</summary>
    public static Sink<T, Task> Ignore<T>() => FromBatches<T>(static (_, _) => default, "ignore");

    /// <summary>
    /// Calls <paramref name="action"/> for each record. A record whose action throws is handled by the sink's
    /// supervision (dead-lettered under Resume).
    /// </summary>
    public static Sink<T, Task> ForEach<T>(Action<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Flow.FromOperator<T, T, WhereOperator<T>>(new WhereOperator<T>(record => { action(record); return false; }), "foreach")
            .To(Ignore<T>().Named("foreach-end"));
    }

    /// <summary>
    /// Calls <paramref name="handler"/> for each batch and waits for it: the sink for connectors that write in
    /// batches. The engine never changes a batch after pushing it, but a handler that keeps records past the call
    /// should still copy them: pooling may come back.
    /// </summary>
    public static Sink<T, Task> ForEachBatch<T>(Func<Batch<T>, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return FromBatches(handler, "foreach-batch");
    }

    /// <summary>Collects every record; for tests and small streams.</summary>
    public static Sink<T, Task<IReadOnlyList<T>>> Seq<T>() =>
        new((scope, attributes) =>
        {
            var items = new List<T>();
            var stage = new BatchSink<T>((batch, _) =>
            {
                foreach (var item in batch) items.Add(item);
                return default;
            }, null, scope, scope.Stage(attributes, "seq", Metrics.StageKind.Sink));
            return (Dsl.Sink.FromGraph(stage), stage.Completion.ContinueWith<IReadOnlyList<T>>(t =>
            {
                t.GetAwaiter().GetResult();
                return items;
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default));
        });

    /// <summary>Folds every record into one value.</summary>
    public static Sink<T, Task<TAcc>> Aggregate<T, TAcc>(TAcc seed, Func<TAcc, T, TAcc> fold)
    {
        ArgumentNullException.ThrowIfNull(fold);
        return new((scope, attributes) =>
        {
            var acc = seed;
            var stage = new BatchSink<T>((batch, _) =>
            {
                foreach (var item in batch) acc = fold(acc, item);
                return default;
            }, null, scope, scope.Stage(attributes, "aggregate", Metrics.StageKind.Sink));
            return (Dsl.Sink.FromGraph(stage), stage.Completion.ContinueWith(t =>
            {
                t.GetAwaiter().GetResult();
                return acc;
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default));
        });
    }

    /// <summary>Hands every batch to each of <paramref name="sinks"/> (the slowest sets the pace); completes when all have.</summary>
    public static Sink<T, Task> Broadcast<T>(params Sink<T, Task>[] sinks)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        if (sinks.Length == 0) throw new ArgumentException("Broadcast needs at least one sink.", nameof(sinks));
        return new((scope, attributes) =>
        {
            var outputs = new Dsl.Sink<Batch<T>, Akka.NotUsed>[sinks.Length];
            var completions = new Task[sinks.Length];
            for (var i = 0; i < sinks.Length; i++) (outputs[i], completions[i]) = sinks[i].Build(scope, attributes);
            var end = outputs.Length == 1
                ? outputs[0]
                : Dsl.Flow.Create<Batch<T>>().Select(batch => batch.Unpooled())
                    .To(Dsl.Sink.Combine(n => new Broadcast<Batch<T>>(n, eagerCancel: true), outputs[0], outputs[1], outputs[2..]));
            return (end, Task.WhenAll(completions));
        });
    }

    /// <summary>
    /// A sink built with Akka.Streams over batches whose materialized task completes with it (for example
    /// <c>Sink.ForEach</c> or <c>Sink.Ignore</c> of Akka); the task joins the graph's completion.
    /// </summary>
    public static Sink<T, Task> FromAkka<T>(Akka.Streams.IGraph<Akka.Streams.SinkShape<Batch<T>>, Task> sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return new((scope, _) =>
        {
            var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            scope.Track(completion.Task);
            var end = Dsl.Flow.Create<Batch<T>>().Select(batch => batch.Unpooled()).ToMaterialized(sink, Dsl.Keep.Right).MapMaterializedValue(done =>
            {
                done.ContinueWith(static (task, state) =>
                {
                    var target = (TaskCompletionSource)state!;
                    if (task.IsCompletedSuccessfully) target.TrySetResult();
                    else target.TrySetException(task.Exception?.GetBaseException() ?? new OperationCanceledException());
                }, completion, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                return Akka.NotUsed.Instance;
            });
            return (end, completion.Task);
        });
    }

    /// <summary>A sink that hands each batch on (a named stream's publisher), so its arrays are not returned to the pool.</summary>
    internal static Sink<T, Task> Forwarding<T>(Func<Batch<T>, CancellationToken, ValueTask> handler, string name) =>
        FromBatches(handler, null, name, returnsArrays: false);

    /// <summary>A sink from a batch handler and an optional end-of-stream hook (flush, close).</summary>
    public static Sink<T, Task> FromBatches<T>(Func<Batch<T>, CancellationToken, ValueTask> handler, Func<ValueTask>? onComplete, string name) =>
        FromBatches(handler, onComplete, name, returnsArrays: true);

    private static Sink<T, Task> FromBatches<T>(Func<Batch<T>, CancellationToken, ValueTask> handler, Func<ValueTask>? onComplete, string name, bool returnsArrays)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new((scope, attributes) =>
        {
            var stage = new BatchSink<T>(handler, onComplete, scope, scope.Stage(attributes, name, Metrics.StageKind.Sink), returnsArrays);
            return (Dsl.Sink.FromGraph(stage), stage.Completion);
        });
    }

    private static Sink<T, Task> FromBatches<T>(Func<Batch<T>, CancellationToken, ValueTask> handler, string name) =>
        FromBatches(handler, null, name);
}
