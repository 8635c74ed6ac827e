using StreamJobs.Streams;

namespace StreamJobs.Windows;

/// <summary>Keyed window stages as flows; <c>KeyBy(…)</c> on sources and flows leads here.</summary>
public static class WindowFlows
{
    /// <summary>
    /// Keyed tumbling windows of <paramref name="size"/> on event time (<paramref name="timestamp"/>).
    /// Emits when: a window's end plus the allowed lateness has passed on the clock, or a bound closes the oldest early.
    /// Backpressures when: downstream does. Completes when: upstream completes, after emitting every open window.
    /// With <see cref="TumblingWindowOptions.Shards"/> the keys are split across parallel shards (order kept per key).
    /// </summary>
    public static Flow<T, TOut> Tumbling<T, TKey, TAcc, TOut>(
        Func<T, TKey> key, TimeSpan size, Func<T, DateTimeOffset> timestamp,
        Func<TKey, TAcc> create, Func<TAcc, T, TAcc> add, Func<Window<TKey, TAcc>, TOut> result,
        TumblingWindowOptions? options = null)
        where TKey : notnull
    {
        var functions = Functions(key, timestamp, create, add, result);
        var settings = options ?? new TumblingWindowOptions();
        _ = new TumblingWindowLogic<T, TKey, TAcc, TOut>(size, functions, settings); // validates now, not at run time
        var shards = Shards(settings.Shards);
        var shard = settings with { MaxOpenWindows = Math.Max(1, (settings.MaxOpenWindows + shards - 1) / shards) };
        return Flow.Sharded(key, () => new TumblingWindowLogic<T, TKey, TAcc, TOut>(size, functions, shard), shards, "tumbling-window");
    }

    /// <summary>
    /// Keyed session windows: a key's records are accumulated until the key has been quiet for <paramref name="gap"/>.
    /// Emits when: a session goes quiet, reaches its maximum duration, or a bound closes the one due soonest.
    /// Backpressures when: downstream does. Completes when: upstream completes, after emitting every open session.
    /// With <see cref="SessionWindowOptions.Shards"/> the keys are split across parallel shards (order kept per key).
    /// </summary>
    public static Flow<T, TOut> Session<T, TKey, TAcc, TOut>(
        Func<T, TKey> key, TimeSpan gap,
        Func<TKey, TAcc> create, Func<TAcc, T, TAcc> add, Func<Window<TKey, TAcc>, TOut> result,
        SessionWindowOptions? options = null)
        where TKey : notnull
    {
        var functions = Functions(key, static _ => default, create, add, result);
        var settings = options ?? new SessionWindowOptions();
        _ = new SessionWindowLogic<T, TKey, TAcc, TOut>(gap, functions, settings);
        var shards = Shards(settings.Shards);
        var shard = settings with { MaxSessions = Math.Max(1, (settings.MaxSessions + shards - 1) / shards) };
        return Flow.Sharded(key, () => new SessionWindowLogic<T, TKey, TAcc, TOut>(gap, functions, shard), shards, "session-window");
    }

    /// <summary>0 means one shard per core the process may use (container-aware).</summary>
    private static int Shards(int configured)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(configured, "options.Shards");
        return configured == 0 ? Environment.ProcessorCount : configured;
    }

    private static WindowFunctions<T, TKey, TAcc, TOut> Functions<T, TKey, TAcc, TOut>(
        Func<T, TKey> key, Func<T, DateTimeOffset> timestamp, Func<TKey, TAcc> create, Func<TAcc, T, TAcc> add, Func<Window<TKey, TAcc>, TOut> result)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(add);
        ArgumentNullException.ThrowIfNull(result);
        return new WindowFunctions<T, TKey, TAcc, TOut>(key, timestamp, create, add, result);
    }
}
