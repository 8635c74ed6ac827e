using Akka.Streams.Dsl;
using StreamJobs.Streams.Stages;
using StreamJobs.Streams.Wiring;
using Dsl = Akka.Streams.Dsl;

namespace StreamJobs.Streams;

/// <summary>Factories of sources.</summary>
public static class Source
{
    /// <summary>Emits the items of <paramref name="items"/> in batches, then completes.</summary>
    public static Source<T, NotUsed> From<T>(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return Generate<T>(() =>
        {
            var enumerator = items.GetEnumerator();
            return (buffer, stopping) =>
            {
                var count = 0;
                while (count < buffer.Length && !stopping.IsCancellationRequested && enumerator.MoveNext()) buffer[count++] = enumerator.Current;
                if (count == 0) enumerator.Dispose();
                return ValueTask.FromResult(count);
            };
        }, "from");
    }

    /// <summary>Emits the items of an async sequence, pushing a partial batch whenever the sequence would wait.</summary>
    public static Source<T, NotUsed> FromAsyncEnumerable<T>(IAsyncEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return Generate<T>(() =>
        {
            IAsyncEnumerator<T>? enumerator = null;
            ValueTask<bool>? pendingMove = null;
            return async (buffer, stopping) =>
            {
                enumerator ??= items.GetAsyncEnumerator(stopping);
                var count = 0;
                while (count < buffer.Length)
                {
                    var move = pendingMove ?? enumerator.MoveNextAsync();
                    pendingMove = null;
                    if (count > 0 && !move.IsCompleted)
                    {
                        pendingMove = move;
                        break;
                    }
                    if (!await move.ConfigureAwait(false))
                    {
                        if (count == 0) await enumerator.DisposeAsync().ConfigureAwait(false);
                        break;
                    }
                    buffer[count++] = enumerator.Current;
                }
                return count;
            };
        }, "from-async");
    }

    /// <summary>Emits one record, then completes.</summary>
    public static Source<T, NotUsed> Single<T>(T item) => From(new[] { item });

    /// <summary>Completes at once.</summary>
    public static Source<T, NotUsed> Empty<T>() => From(Array.Empty<T>());

    /// <summary>Fails at once with <paramref name="error"/>.</summary>
    public static Source<T, NotUsed> Failed<T>(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Generate<T>((_, _) => ValueTask.FromException<int>(error));
    }

    /// <summary>
    /// Emits what <paramref name="generator"/> writes into the engine's batch buffer, call after call, until it
    /// returns 0. The natural source for generators and connectors that read in batches.
    /// </summary>
    public static Source<T, NotUsed> Generate<T>(BatchGenerator<T> generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return Generate(() => generator, "generate");
    }

    /// <summary>
    /// A queue to offer records into a running graph, holding at most <paramref name="capacity"/> offers.
    /// A graceful shutdown closes it to new offers and drains what it holds.
    /// </summary>
    public static Source<T, SourceQueue<T>> Queue<T>(int capacity) =>
        new((scope, attributes) =>
        {
            var queue = new SourceQueue<T>(capacity);
            var metrics = scope.Stage(attributes, "queue", Metrics.StageKind.Source);
            return (new SourceSegment<T>(scope.Source(new QueueSource<T>(queue, scope, metrics))), queue);
        });

    /// <summary>
    /// A source built with Akka.Streams that emits batches. Its materialized value is not kept. A drain completes the
    /// stream after it and cancels it (an Akka source cannot be asked to finish its read).
    /// </summary>
    public static Source<T, NotUsed> FromAkka<T, TMat>(Akka.Streams.IGraph<Akka.Streams.SourceShape<Batch<T>>, TMat> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new((scope, _) => (new SourceSegment<T>(scope.Foreign(source)), NotUsed.Instance));
    }

    /// <summary>Emits the records of all <paramref name="sources"/> as they come, completing when all have completed.</summary>
    public static Source<T, NotUsed> Merge<T, TMat>(params Source<T, TMat>[] sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Length == 0) throw new ArgumentException("Merge needs at least one source.", nameof(sources));
        return new Source<T, NotUsed>((scope, attributes) =>
        {
            var inputs = sources.Select(source => SourceSegment<T>.Of(source.Build(scope, attributes.Upstream()).Segment).Source).ToArray();
            var merged = inputs.Length == 1 ? inputs[0] : Dsl.Source.Combine(inputs[0], inputs[1], n => new Merge<Batch<T>>(n), inputs[2..]);
            return (new SourceSegment<T>(merged), NotUsed.Instance);
        });
    }

    private static Source<T, NotUsed> Generate<T>(Func<BatchGenerator<T>> perRun, string name) =>
        new((scope, attributes) =>
        {
            var metrics = scope.Stage(attributes, name, Metrics.StageKind.Source);
            return (new SourceSegment<T>(scope.Source(new BatchSource<T>(perRun(), scope, metrics))), NotUsed.Instance);
        });
}
