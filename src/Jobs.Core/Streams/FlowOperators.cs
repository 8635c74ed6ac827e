using Akka.Streams.Dsl;
using StreamJobs.Streams.Stages;
using Dsl = Akka.Streams.Dsl;

namespace StreamJobs.Streams;

/// <summary>
/// Operators on flows. Job authors write per-record functions; the engine runs them in a tight loop over each batch.
/// </summary>
public static class FlowOperators
{
    /// <summary>Maps each record. Emits when: the function returns. Backpressures when: downstream does.</summary>
    public static Flow<TIn, T> Select<TIn, TOut, T>(this Flow<TIn, TOut> flow, Func<TOut, T> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return flow.Via(Flow.FromOperator<TOut, T, SelectOperator<TOut, T>>(new SelectOperator<TOut, T>(selector), "select"));
    }

    /// <summary>Keeps the records matching <paramref name="predicate"/>.</summary>
    public static Flow<TIn, TOut> Where<TIn, TOut>(this Flow<TIn, TOut> flow, Func<TOut, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return flow.Via(Flow.FromOperator<TOut, TOut, WhereOperator<TOut>>(new WhereOperator<TOut>(predicate), "where"));
    }

    /// <summary>Maps each record to any number of records.</summary>
    public static Flow<TIn, T> SelectMany<TIn, TOut, T>(this Flow<TIn, TOut> flow, Func<TOut, IEnumerable<T>> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return flow.Via(Flow.FromLogic(() => new SelectManyLogic<TOut, T>(selector), "select-many"));
    }

    /// <summary>Runs a custom stateful stage (see <see cref="StageLogic{TIn,TOut}"/>).</summary>
    public static Flow<TIn, T> Stateful<TIn, TOut, T>(this Flow<TIn, TOut> flow, Func<StageLogic<TOut, T>> logicFactory, string name = "stateful") =>
        flow.Via(Flow.FromLogic(logicFactory, name));

    /// <summary>
    /// Inserts an async boundary: what is upstream runs in its own Akka.Streams island (actor), decoupled by an input
    /// buffer of <paramref name="bufferBatches"/> batches (the materializer's default when null), rounded up to a power
    /// of two as Akka requires.
    /// </summary>
    public static Flow<TIn, TOut> Async<TIn, TOut>(this Flow<TIn, TOut> flow, int? bufferBatches = null)
    {
        if (bufferBatches is < 1) throw new ArgumentOutOfRangeException(nameof(bufferBatches), bufferBatches, "An async boundary needs room for at least one batch.");
        return flow.Via(new Flow<TOut, TOut>((scope, attributes, upstream) =>
            upstream.Async(bufferBatches ?? scope.BufferBatchesOf(attributes))));
    }

    /// <summary>Also hands every batch to <paramref name="sink"/> (a broadcast: the slower of the two sets the pace).</summary>
    public static Flow<TIn, TOut> AlsoTo<TIn, TOut, TMat>(this Flow<TIn, TOut> flow, Sink<TOut, TMat> sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return flow.Via(new Flow<TOut, TOut>((scope, attributes, upstream) =>
        {
            var (side, _) = sink.Build(scope, attributes.Upstream());
            return upstream.Via(Dsl.Flow.Create<Batch<TOut>>().Select(batch => batch.Unpooled()).AlsoTo(side));
        }));
    }

    /// <summary>Runs an Akka.Streams flow over single records (see <see cref="Flow.FromAkkaRecords"/>).</summary>
    public static Flow<TIn, T> ViaRecords<TIn, TOut, T, TMat>(this Flow<TIn, TOut> flow, Akka.Streams.IGraph<Akka.Streams.FlowShape<TOut, T>, TMat> records) =>
        flow.Via(Flow.FromAkkaRecords(records));
}
