namespace StreamJobs.Mql.Evaluation;

/// <summary>Counters shared by the nodes of one compiled query; updated atomically, read for metrics.</summary>
internal sealed class EvaluationCounters(Func<bool>? skipRegexes = null)
{
    private long _regexTimeouts;

    public long RegexTimeouts => Interlocked.Read(ref _regexTimeouts);

    /// <summary>True when the owner asked to skip the remaining regex matches (<see cref="MqlCompileOptions.SkipRegexes"/>).</summary>
    public bool SkipRegexes => skipRegexes?.Invoke() == true;

    public void AddRegexTimeout() => Interlocked.Increment(ref _regexTimeouts);
}
