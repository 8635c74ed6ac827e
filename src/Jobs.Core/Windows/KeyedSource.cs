using StreamJobs.Streams;

namespace StreamJobs.Windows;

/// <summary>A source whose records are grouped by key, ready for a keyed stage: <c>source.KeyBy(r =&gt; r.TraceId).SessionWindow(…)</c>.</summary>
/// <typeparam name="T">The records.</typeparam>
/// <typeparam name="TKey">The key.</typeparam>
/// <typeparam name="TMat">The source's materialized value.</typeparam>
public readonly struct KeyedSource<T, TKey, TMat>
    where TKey : notnull
{
    internal KeyedSource(Source<T, TMat> source, Func<T, TKey> key)
    {
        Source = source;
        Key = key;
    }

    /// <summary>The ungrouped source.</summary>
    public Source<T, TMat> Source { get; }

    /// <summary>The key selector.</summary>
    public Func<T, TKey> Key { get; }

    /// <summary>Keyed tumbling windows; see <see cref="WindowFlows.Tumbling{T,TKey,TAcc,TOut}"/>.</summary>
    public Source<TOut, TMat> TumblingWindow<TAcc, TOut>(TimeSpan size, Func<T, DateTimeOffset> timestamp,
        Func<TKey, TAcc> create, Func<TAcc, T, TAcc> add, Func<Window<TKey, TAcc>, TOut> result, TumblingWindowOptions? options = null) =>
        Source.Via(WindowFlows.Tumbling(Key, size, timestamp, create, add, result, options));

    /// <summary>Keyed session windows; see <see cref="WindowFlows.Session{T,TKey,TAcc,TOut}"/>.</summary>
    public Source<TOut, TMat> SessionWindow<TAcc, TOut>(TimeSpan gap,
        Func<TKey, TAcc> create, Func<TAcc, T, TAcc> add, Func<Window<TKey, TAcc>, TOut> result, SessionWindowOptions? options = null) =>
        Source.Via(WindowFlows.Session(Key, gap, create, add, result, options));

    /// <summary>
    /// Runs a custom stateful stage as <paramref name="shards"/> parallel shards, each record going to the shard of its
    /// key, so that one process uses several cores (see <see cref="Flow.Sharded{TIn,TOut,TKey}"/>).
    /// </summary>
    public Source<TOut, TMat> Stateful<TOut>(Func<StageLogic<T, TOut>> logicFactory, int shards, string name = "stateful") =>
        Source.Via(Flow.Sharded(Key, logicFactory, shards, name));
}
