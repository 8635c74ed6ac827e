namespace StreamJobs.Mql;

/// <summary>
/// A WINDOW clause: windows of <see cref="Size"/> starting every <see cref="Slide"/>.
/// Tumbling when both are equal (<c>WINDOW 10</c>), sliding otherwise (<c>WINDOW 10 2</c>).
/// </summary>
public readonly record struct MqlWindow(TimeSpan Size, TimeSpan Slide)
{
    /// <summary>True when windows do not overlap.</summary>
    public bool IsTumbling => Size == Slide;
}
