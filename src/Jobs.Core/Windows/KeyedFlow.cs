using StreamJobs.Streams;

namespace StreamJobs.Windows;

/// <summary>A flow whose output is grouped by key, ready for a keyed stage.</summary>
/// <typeparam name="TIn">The flow's input.</typeparam>
/// <typeparam name="T">The flow's output records.</typeparam>
/// <typeparam name="TKey">The key.</typeparam>
public readonly struct KeyedFlow<TIn, T, TKey>
    where TKey : notnull
{
    internal KeyedFlow(Flow<TIn, T> flow, Func<T, TKey> key)
    {
        Flow = flow;
        Key = key;
    }

    /// <summary>The ungrouped flow.</summary>
    public Flow<TIn, T> Flow { get; }

    /// <summary>The key selector.</summary>
    public Func<T, TKey> Key { get; }

    /// <summary>Keyed tumbling windows; see <see cref="WindowFlows.Tumbling{T,TKey,TAcc,TOut}"/>.</summary>
    public Flow<TIn, TOut> TumblingWindow<TAcc, TOut>(TimeSpan size, Func<T, DateTimeOffset> timestamp,
        Func<TKey, TAcc> create, Func<TAcc, T, TAcc> add, Func<Window<TKey, TAcc>, TOut> result, TumblingWindowOptions? options = null) =>
        Flow.Via(WindowFlows.Tumbling(Key, size, timestamp, create, add, result, options));

    /// <summary>Keyed session windows; see <see cref="WindowFlows.Session{T,TKey,TAcc,TOut}"/>.</summary>
    public Flow<TIn, TOut> SessionWindow<TAcc, TOut>(TimeSpan gap,
        Func<TKey, TAcc> create, Func<TAcc, T, TAcc> add, Func<Window<TKey, TAcc>, TOut> result, SessionWindowOptions? options = null) =>
        Flow.Via(WindowFlows.Session(Key, gap, create, add, result, options));

    /// <summary>
    /// Runs a custom stateful stage as <paramref name="shards"/> parallel shards, each record going to the shard of its
    /// key (see <see cref="Streams.Flow.Sharded{TIn,TOut,TKey}"/>).
    /// </summary>
    public Flow<TIn, TOut> Stateful<TOut>(Func<StageLogic<T, TOut>> logicFactory, int shards, string name = "stateful") =>
        Flow.Via(Streams.Flow.Sharded(Key, logicFactory, shards, name));
}
