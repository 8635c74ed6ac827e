namespace StreamJobs.Host.Taps;

/// <summary>
/// Lets a tap abandon a record part-way through its regex terms (<see cref="Mql.MqlCompileOptions.SkipRegexes"/>):
/// once the tap is stopped (its regexes keep timing out, or it was cancelled) or the batch in progress has spent the
/// tap's budget, every remaining regex test returns false at once instead of running to its timeout.
/// </summary>
internal sealed class TapStop
{
    private volatile string? _reason;
    private Func<bool>? _check;

    /// <summary>Why the tap was stopped, or null while it runs.</summary>
    public string? Reason => _reason;

    /// <summary>Stops the tap; the first reason wins. Safe from any thread (a cancellation callback).</summary>
    public void Stop(string reason) => Interlocked.CompareExchange(ref _reason, reason, null);

    /// <summary>Sets the evaluating thread's check (budget, timeout guard) for the batch in progress; null between batches.</summary>
    public void During(Func<bool>? check) => _check = check;

    /// <summary>
    /// Asked by the query before each regex match, on the evaluating thread. Only a batch in progress is cut short:
    /// the final flush of an aggregate (HAVING may hold a regex) still evaluates in full.
    /// </summary>
    public bool ShouldSkip() => _check is { } check && (_reason is not null || check());
}
