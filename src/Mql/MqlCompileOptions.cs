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

    /// <summary>
    /// When true, each regex is built with <see cref="RegexOptions.NonBacktracking"/>: matching takes time linear in the
    /// input (no catastrophic backtracking), so they run without <see cref="RegexTimeout"/>, and nothing is emitted
    /// with Reflection.Emit. Patterns that need backtracking (backreferences, lookarounds, atomic groups,
    /// conditionals) fall back to the interpreter, bounded by <see cref="RegexTimeout"/>. For short-lived queries from untrusted clients (taps). Default false:
    /// <see cref="RegexOptions.Compiled"/>, the fastest per match for long-lived predicates.
    /// </summary>
    public bool NonBacktrackingRegexes { get; init; }

    /// <summary>
    /// Asked before each regex match; when it returns true the match is skipped and counts as no match (not as a
    /// timeout). Lets a caller abandon a record part-way through a long list of regex terms: a stopped, cancelled or
    /// over-budget consumer does not wait for every remaining term. Called on the evaluating thread; keep it cheap.
    /// Default null: every match runs.
    /// </summary>
    public Func<bool>? SkipRegexes { get; init; }

    /// <summary>Source of randomness for <c>SAMPLE {'strategy': 'RANDOM'}</c>; defaults to <see cref="Random.Shared"/>.</summary>
    public Random? Random { get; init; }

    internal static TimeSpan CheckedTimeout(TimeSpan timeout) =>
        timeout == Regex.InfiniteMatchTimeout || timeout > TimeSpan.Zero ? timeout : TimeSpan.FromMilliseconds(100);
}
