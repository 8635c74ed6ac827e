using StreamJobs.Streams;

namespace StreamJobs.Windows;

/// <summary><c>KeyBy</c> on sources and flows.</summary>
public static class KeyByExtensions
{
    /// <summary>Groups the records by <paramref name="key"/> for the keyed stage that follows.</summary>
    public static KeyedSource<T, TKey, TMat> KeyBy<T, TMat, TKey>(this Source<T, TMat> source, Func<T, TKey> key)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(key);
        return new KeyedSource<T, TKey, TMat>(source, key);
    }

    /// <summary>Groups the flow's output by <paramref name="key"/> for the keyed stage that follows.</summary>
    public static KeyedFlow<TIn, T, TKey> KeyBy<TIn, T, TKey>(this Flow<TIn, T> flow, Func<T, TKey> key)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(key);
        return new KeyedFlow<TIn, T, TKey>(flow, key);
    }
}
