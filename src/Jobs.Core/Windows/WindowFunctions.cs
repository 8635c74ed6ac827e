namespace StreamJobs.Windows;

/// <summary>The per-record functions of a keyed window.</summary>
internal sealed record WindowFunctions<T, TKey, TAcc, TOut>(
    Func<T, TKey> Key,
    Func<T, DateTimeOffset> Timestamp,
    Func<TKey, TAcc> Create,
    Func<TAcc, T, TAcc> Add,
    Func<Window<TKey, TAcc>, TOut> Result);
