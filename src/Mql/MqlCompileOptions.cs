using System.Text.RegularExpressions;

namespace StreamJobs.Mql;

/// <summary>Options for compiling a query or predicate.</summary>
public sealed class MqlCompileOptions
{
    /// <summary>The defaults: a 100 ms regex timeout and <see cref="MqlLimits.Default"/>.</summary>
    public static MqlCompileOptions Default { get; } = new();

    /// <summary>
    /// How long one regex match may run before it counts as no match (and is counted in
    /// <c>RegexTimeouts</c>). Guards the stream against catastrophic backtracking. Default 100 ms.
    /// </summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Bounds on the text of predicates compiled with <see cref="Mql.CompilePredicate{T}"/>; queries take theirs
    /// in <see cref="Mql.Parse"/>. Default <see cref="MqlLimits.Default"/>.
    /// </summary>
    public MqlLimits Limits { get; init; } = MqlLimits.Default;

    /// <summary>Source of randomness for <c>SAMPLE {'strategy': 'RANDOM'}</c>; defaults to <see cref="Random.Shared"/>.</summary>
    public Random? Random { get; init; }

    internal static TimeSpan CheckedTimeout(TimeSpan timeout) =>
        timeout == Regex.InfiniteMatchTimeout || timeout > TimeSpan.Zero ? timeout : TimeSpan.FromMilliseconds(100);
}
