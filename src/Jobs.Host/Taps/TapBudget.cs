using System.Diagnostics;

namespace StreamJobs.Host.Taps;

/// <summary>
/// One tap's evaluation time per second. Past it the rest of the second's records are skipped (and counted), so one
/// expensive query cannot take the workers from the other taps. Wall time is charged, which on a low-priority
/// thread is at least the CPU it used.
/// </summary>
internal sealed class TapBudget(TimeSpan perSecond)
{
    private readonly long _allowance = (long)(perSecond.TotalSeconds * Stopwatch.Frequency);
    private long _windowStart = Stopwatch.GetTimestamp();
    private long _spent;

    /// <summary>Starts a batch; a new second gives a full allowance.</summary>
    public long Begin()
    {
        var now = Stopwatch.GetTimestamp();
        if (now - _windowStart >= Stopwatch.Frequency)
        {
            _windowStart = now;
            _spent = 0;
        }
        return now;
    }

    /// <summary>True once this second's allowance is used up, counting the batch started at <paramref name="batchStart"/>.</summary>
    public bool IsSpent(long batchStart) => _spent + (Stopwatch.GetTimestamp() - batchStart) >= _allowance;

    /// <summary>Charges the batch started at <paramref name="batchStart"/>.</summary>
    public void End(long batchStart) => _spent += Stopwatch.GetTimestamp() - batchStart;
}
