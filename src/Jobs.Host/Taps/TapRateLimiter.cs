namespace StreamJobs.Host.Taps;

/// <summary>At most N records per one-second window for one tap; not thread-safe (one per tap loop).</summary>
internal sealed class TapRateLimiter(int perSecond)
{
    private long _windowStart = Environment.TickCount64;
    private int _taken;

    public bool TryTake()
    {
        var now = Environment.TickCount64;
        if (now - _windowStart >= 1000)
        {
            _windowStart = now;
            _taken = 0;
        }
        if (_taken >= perSecond) return false;
        _taken++;
        return true;
    }
}
