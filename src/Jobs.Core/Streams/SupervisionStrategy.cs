namespace StreamJobs.Streams;

/// <summary>
/// Decides, per failing record, whether a stage stops, resumes or restarts, and how long a restart backs off.
/// Applied with <c>WithSupervision</c> to the stages built so far, or as the materializer's default.
/// </summary>
public sealed class SupervisionStrategy
{
    private readonly Func<Exception, Directive> _decider;

    private SupervisionStrategy(Func<Exception, Directive> decider, TimeSpan minBackoff, TimeSpan maxBackoff)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minBackoff, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBackoff, minBackoff);
        _decider = decider;
        MinBackoff = minBackoff;
        MaxBackoff = maxBackoff;
    }

    /// <summary>Any failure fails the graph (the default, as in Akka.Streams).</summary>
    public static SupervisionStrategy Stop { get; } = new(_ => Directive.Stop, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>A failing record is dead-lettered and the stream goes on.</summary>
    public static SupervisionStrategy Resume { get; } = new(_ => Directive.Resume, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>The first backoff of a restart.</summary>
    public TimeSpan MinBackoff { get; }

    /// <summary>The longest backoff; consecutive restarts double the wait up to this.</summary>
    public TimeSpan MaxBackoff { get; }

    /// <summary>A failing record is dead-lettered and the stage's state reset after an exponential backoff.</summary>
    public static SupervisionStrategy Restart(TimeSpan minBackoff, TimeSpan maxBackoff) =>
        new(_ => Directive.Restart, minBackoff, maxBackoff);

    /// <summary>A strategy that decides per exception type, e.g. resume on <see cref="FormatException"/>, stop otherwise.</summary>
    public static SupervisionStrategy Decide(Func<Exception, Directive> decider, TimeSpan? minBackoff = null, TimeSpan? maxBackoff = null)
    {
        ArgumentNullException.ThrowIfNull(decider);
        var min = minBackoff ?? TimeSpan.FromMilliseconds(100);
        return new SupervisionStrategy(decider, min, maxBackoff ?? TimeSpan.FromTicks(Math.Max(min.Ticks, TimeSpan.FromSeconds(10).Ticks)));
    }

    /// <summary>The directive for <paramref name="error"/>.</summary>
    public Directive Decide(Exception error) => _decider(error);

    /// <summary>The wait before the <paramref name="consecutiveRestarts"/>-th restart in a row (1-based).</summary>
    public TimeSpan BackoffFor(int consecutiveRestarts)
    {
        if (consecutiveRestarts <= 0 || MinBackoff == TimeSpan.Zero) return MinBackoff;
        var shift = Math.Min(consecutiveRestarts - 1, 30);
        var ticks = Math.Min(MaxBackoff.Ticks, MinBackoff.Ticks * (1L << shift));
        return TimeSpan.FromTicks(ticks < 0 ? MaxBackoff.Ticks : ticks);
    }
}
