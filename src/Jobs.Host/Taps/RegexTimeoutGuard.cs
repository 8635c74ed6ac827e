using System.Diagnostics;

namespace StreamJobs.Host.Taps;

/// <summary>Tells when a tap's regexes keep timing out: <c>max</c> timeouts within <c>window</c>.</summary>
internal sealed class RegexTimeoutGuard(int max, TimeSpan window)
{
    private readonly Queue<long> _recent = new();
    private readonly long _window = (long)(window.TotalSeconds * Stopwatch.Frequency);
    private long _seen;

    /// <summary>Notes the query's running total of timeouts; true when the tap must stop.</summary>
    public bool ShouldStop(long total)
    {
        if (total == _seen) return false;
        var now = Stopwatch.GetTimestamp();
        for (var added = Math.Min(total - _seen, max); added > 0; added--)
        {
            _recent.Enqueue(now);
            if (_recent.Count > max) _recent.Dequeue();
        }
        _seen = total;
        while (_recent.Count > 0 && now - _recent.Peek() > _window) _recent.Dequeue();
        return _recent.Count >= max;
    }
}
