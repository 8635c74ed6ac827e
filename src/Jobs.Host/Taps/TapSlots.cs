namespace StreamJobs.Host.Taps;

/// <summary>Counts open taps against <see cref="TapOptions.MaxConcurrent"/>.</summary>
internal sealed class TapSlots
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public bool TryEnter(int max)
    {
        while (true)
        {
            var open = Volatile.Read(ref _open);
            if (open >= max) return false;
            if (Interlocked.CompareExchange(ref _open, open + 1, open) == open) return true;
        }
    }

    public void Exit() => Interlocked.Decrement(ref _open);
}
