using Akka.Streams;
using Akka.Streams.Dsl;
using StreamJobs.Streams.Fusion;
using StreamJobs.Streams.Stages;

namespace StreamJobs.Streams;

/// <summary>Factories of flows; operators are extension methods on <see cref="Flow{TIn,TOut}"/> and <see cref="Source{TOut,TMat}"/>.</summary>
public static class Flow
{
    /// <summary>The identity flow, to start a chain of operators: <c>Flow.Create&lt;Span&gt;().Where(…).Select(…)</c>.</summary>
    public static Flow<T, T> Create<T>() => new((_, _, upstream) => upstream);

    /// <summary>A stateful stage run by a fresh <see cref="StageLogic{TIn,TOut}"/> from <paramref name="logicFactory"/> per materialization.</summary>
    public static Flow<TIn, TOut> FromLogic<TIn, TOut>(Func<StageLogic<TIn, TOut>> logicFactory, string name = "stateful")
    {
        ArgumentNullException.ThrowIfNull(logicFactory);
        return new((scope, attributes, upstream) =>
            upstream.Via(new StatefulStage<TIn, TOut>(logicFactory, scope, scope.Stage(attributes, name), scope.SupervisionOf(attributes))));
    }

    /// <summary>
    /// A fused stateless stage running a struct <typeparamref name="TOperator"/> over every record of each batch: the fastest
    /// way to write a per-record step (see <see cref="IRecordOperator{TIn,TOut}"/>). Supervision applies as for <c>Select</c>.
    /// </summary>
    public static Flow<TIn, TOut> FromOperator<TIn, TOut, TOperator>(TOperator @operator, string name = "operator")
        where TOperator : struct, IRecordOperator<TIn, TOut> =>
        new((scope, attributes, upstream) =>
            upstream.Then<TOut, TOperator>(@operator, new RecordStep(scope.Stage(attributes, name), scope.SupervisionOf(attributes)), scope));

    /// <summary>
    /// A flow built with Akka.Streams over batches: any Akka operator (<c>Throttle</c>, <c>SelectAsync</c>,
    /// <c>GroupedWithin</c>, …) in the middle of a job. Its materialized value is not kept. On a path that carries
    /// receipts, use no operator that can drop an element (see docs/engine.md).
    /// </summary>
    public static Flow<TIn, TOut> FromAkka<TIn, TOut, TMat>(IGraph<FlowShape<Batch<TIn>, Batch<TOut>>, TMat> flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return new((_, _, upstream) => upstream.Via(Akka.Streams.Dsl.Flow.Create<Batch<TIn>>()
            .Select(batch => batch.Unpooled()) // foreign operators may keep or fan out what they get
            .Via(flow)
            .MapMaterializedValue(_ => Akka.NotUsed.Instance)));
    }

    /// <summary>
    /// An Akka.Streams flow over single records, run between batches: the batches are taken apart before it and put
    /// back together after it (never dropping: records wait while downstream is busy, up to a batch). The slow path,
    /// one element per record, for operators that need records one by one.
    /// </summary>
    public static Flow<TIn, TOut> FromAkkaRecords<TIn, TOut, TMat>(IGraph<FlowShape<TIn, TOut>, TMat> flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return new((scope, _, upstream) =>
        {
            var size = scope.Settings.BatchSize;
            return upstream.Via(Akka.Streams.Dsl.Flow.Create<Batch<TIn>>()
                .SelectMany(batch => batch.ToArray())
                .Via(flow)
                .Batch(size, record => new List<TOut>(size) { record }, (records, record) =>
                {
                    records.Add(record);
                    return records;
                })
                .Select(records => new Batch<TOut>(records.ToArray(), records.Count))
                .MapMaterializedValue(_ => Akka.NotUsed.Instance));
        });
    }

    /// <summary>A route's answer for a record that every shard must see (see <see cref="Partitioned{TIn,TOut}"/>).</summary>
    public const int AllShards = -1;

    /// <summary>
    /// A stateful stage run as <paramref name="shards"/> parallel shards, each its own Akka island (actor) with its own
    /// logic from <paramref name="logicFactory"/>: each batch is split by the hash of <paramref name="key"/>, so the same
    /// key always reaches the same shard (and the same logic), and the shards' outputs are merged. Order is kept per key,
    /// not across keys. With one shard it is <see cref="FromLogic{TIn,TOut}"/>.
    /// </summary>
    /// <remarks>
    /// Each shard's logic sees only its keys: state, timers, memory budgets and counters a logic keeps are per shard.
    /// The key function runs outside the logic, so a key that throws fails the stage (compute keys that cannot throw).
    /// </remarks>
    public static Flow<TIn, TOut> Sharded<TIn, TOut, TKey>(Func<TIn, TKey> key, Func<StageLogic<TIn, TOut>> logicFactory, int shards, string name = "stateful")
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(logicFactory);
        return Partitioned(shards, (record, count) => ShardOf(key(record), count), _ => logicFactory(), name);
    }

    /// <summary>
    /// A stateful stage run as <paramref name="shards"/> parallel shards, with the routing in the caller's hands:
    /// <paramref name="route"/> gives each record's shard (from 0 to the shard count less one), or <see cref="AllShards"/>
    /// for a record every shard needs, such as a reference-data update beside the keyed records it applies to. Each
    /// shard's logic comes from <paramref name="logicFactory"/> with the shard's index, and sees its records in their
    /// arrival order; the shards' outputs are merged. With one shard it is <see cref="FromLogic{TIn,TOut}"/>.
    /// </summary>
    /// <remarks>A record sent to all shards is the same instance in each: it must not be changed by a logic.</remarks>
    public static Flow<TIn, TOut> Partitioned<TIn, TOut>(int shards, Func<TIn, int, int> route, Func<int, StageLogic<TIn, TOut>> logicFactory, string name = "stateful")
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(logicFactory);
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        if (shards == 1) return FromLogic(() => logicFactory(0), name);
        return new((scope, attributes, upstream) =>
        {
            var metrics = scope.Stage(attributes, name);
            var supervision = scope.SupervisionOf(attributes);
            var sharded = GraphDsl.Create(builder =>
            {
                var split = builder.Add(new ShardSplit<TIn>(route, shards, name + ".split"));
                var merge = builder.Add(new Merge<Batch<TOut>>(shards));
                for (var i = 0; i < shards; i++)
                {
                    var index = i;
                    var shard = builder.Add(Akka.Streams.Dsl.Flow.FromGraph(new StatefulStage<TIn, TOut>(() => logicFactory(index), scope, metrics, supervision)).Async());
                    builder.From(split.Out(i)).Via(shard).To(merge.In(i));
                }
                return new FlowShape<Batch<TIn>, Batch<TOut>>(split.In, merge.Out);
            });
            return upstream.Via(sharded);
        });
    }

    /// <summary>The shard of <paramref name="key"/> among <paramref name="shards"/>: stable for a key within a process.</summary>
    internal static int ShardOf<TKey>(TKey key, int shards) where TKey : notnull =>
        (int)((uint)EqualityComparer<TKey>.Default.GetHashCode(key) % (uint)shards);
}
