using System.Diagnostics;

namespace StreamJobs.Host.Taps;

/// <summary>
/// One tap's evaluation CPU time per second. Past it the rest of the second's records are skipped (and counted), so
/// one expensive query cannot take the workers from the other taps. CPU time, not wall time, is charged: a worker
/// the jobs leave no CPU to is not over budget, it falls behind, and its tap's buffer drops (<c>tapDropped</c>).
/// An overrun (one regex match past the allowance) is a debt paid from the following seconds, so a tap whose single
/// matches cost more than its allowance still averages its budget.
/// Used by one worker at a time.
/// </summary>
internal sealed class TapBudget(TimeSpan perSecond)
{
    private static readonly long CheckEvery = Stopwatch.Frequency / 1000; // read the CPU clock at most once a millisecond
    private readonly long _allowance = (long)(perSecond.TotalSeconds * 1_000_000_000);
    private long _windowStart = Stopwatch.GetTimestamp();
    private long _spent;
    private long _batchCpu;
    private long _lastCheck;
    private bool _exhausted;

    /// <summary>Starts a batch on the calling thread; each second that passed pays off one allowance of what was spent.</summary>
    public void Begin()
    {
        var now = Stopwatch.GetTimestamp();
        var seconds = (now - _windowStart) / Stopwatch.Frequency;
        if (seconds > 0)
        {
            _windowStart += seconds * Stopwatch.Frequency;
            _spent = Math.Max(0, _spent - (long)Math.Min(seconds, 1_000_000) * _allowance);
        }
        _lastCheck = now;
        _batchCpu = ThreadCpuClock.NowNanoseconds();
        _exhausted = _spent >= _allowance;
    }

    /// <summary>True once this second's allowance is used up, counting the batch in progress.</summary>
    public bool IsSpent()
    {
        if (_exhausted) return true;
        var now = Stopwatch.GetTimestamp();
        if (now - _lastCheck < CheckEvery) return false;
        _lastCheck = now;
        return _exhausted = _spent + (ThreadCpuClock.NowNanoseconds() - _batchCpu) >= _allowance;
    }

    /// <summary>Charges the batch in progress.</summary>
    public void End() => _spent += ThreadCpuClock.NowNanoseconds() - _batchCpu;
}
