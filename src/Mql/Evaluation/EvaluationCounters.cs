namespace StreamJobs.Mql.Evaluation;

/// <summary>Counters shared by the nodes of one compiled query; updated atomically, read for metrics.</summary>
internal sealed class EvaluationCounters
{
    private long _regexTimeouts;

    public long RegexTimeouts => Interlocked.Read(ref _regexTimeouts);

    public void AddRegexTimeout() => Interlocked.Increment(ref _regexTimeouts);
}
