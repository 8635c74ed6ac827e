namespace StreamJobs.Windows;

/// <summary>One closed window of one key.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TAcc">The accumulator type.</typeparam>
/// <param name="Key">The key.</param>
/// <param name="Start">The window's (inclusive) start.</param>
/// <param name="End">The window's (exclusive) end; for a session, the time of its last record.</param>
/// <param name="Accumulator">What was accumulated.</param>
/// <param name="ClosedEarly">True when a memory bound closed the window before its time.</param>
public readonly record struct Window<TKey, TAcc>(TKey Key, DateTimeOffset Start, DateTimeOffset End, TAcc Accumulator, bool ClosedEarly);
