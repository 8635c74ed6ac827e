namespace StreamJobs.Mql;

/// <summary>
/// Bounds on MQL text, checked before and during parsing so that a hostile query (a megabyte of <c>OR</c> terms,
/// thousands of nested parentheses) gets a positioned <see cref="MqlError"/> instead of exhausting the stack or
/// the CPU of whatever parses it. <see cref="Default"/> applies wherever no limits are given.
/// </summary>
public sealed class MqlLimits
{
    /// <summary>The highest <see cref="MaxDepth"/> accepted: deeper nesting could exhaust a thread-pool thread's stack.</summary>
    public const int DepthCeiling = 1000;

    private readonly int _maxQueryLength = 16 * 1024;
    private readonly int _maxDepth = 64;
    private readonly int _maxOverlappingWindows = 1000;
    private readonly int _maxHeldRows = 100_000;
    private readonly int _maxRegexTerms = 16;

    /// <summary>The defaults: 16,384 characters, 64 levels of nesting, 1,000 overlapping windows, 16 regex terms.</summary>
    public static MqlLimits Default { get; } = new();

    /// <summary>
    /// Longest query (or predicate) text accepted, in UTF-16 characters. Default 16,384: hand-written queries and
    /// sampling rules are a few hundred characters, so this leaves room for generated lists of several hundred
    /// <c>OR</c> terms while keeping the parse of one request to about a millisecond.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxQueryLength
    {
        get => _maxQueryLength;
        init => _maxQueryLength = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxQueryLength), value, "MaxQueryLength must be at least 1.");
    }

    /// <summary>
    /// Deepest nesting accepted: each parenthesised group and each <c>NOT</c> opens one level. Default 64, far
    /// beyond what people write (rarely more than 5) and far below what the stack allows; at most <see cref="DepthCeiling"/>.
    /// Chains such as <c>a OR b OR c …</c> do not nest, however long they are.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1 or greater than <see cref="DepthCeiling"/>.</exception>
    public int MaxDepth
    {
        get => _maxDepth;
        init => _maxDepth = value is >= 1 and <= DepthCeiling
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxDepth), value, $"MaxDepth must be between 1 and {DepthCeiling}.");
    }

    /// <summary>
    /// Most windows one record may join: a sliding <c>WINDOW size slide</c> puts each record in size/slide windows,
    /// each aggregated separately. Default 1,000 (e.g. an hour sliding by 4 seconds), so one record costs at most
    /// that much work and memory however the query is written.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxOverlappingWindows
    {
        get => _maxOverlappingWindows;
        init => _maxOverlappingWindows = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxOverlappingWindows), value, "MaxOverlappingWindows must be at least 1.");
    }

    /// <summary>
    /// Most rows an aggregating or ordered query holds at once across its open windows: groups of a <c>GROUP BY</c>,
    /// or records buffered for <c>ORDER BY</c> without aggregates. Default 100,000. Past it, a record that would need
    /// a new row is not held and is counted (<see cref="MqlAggregator{T}.OverCapacityRecords"/>): a query grouping by
    /// trace id, or ordering a whole stream without a window, would otherwise grow until the process runs out of memory.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxHeldRows
    {
        get => _maxHeldRows;
        init => _maxHeldRows = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxHeldRows), value, "MaxHeldRows must be at least 1.");
    }

    /// <summary>
    /// Most <c>==~</c> terms in one query or predicate. Every term is tested against every record, so a record costs up
    /// to this many regex timeouts. Default 16: people write one or two, and a longer list of alternatives belongs in
    /// one pattern (<c>/^(a|b|c)$/</c>), which is tested in one pass. Compiling a pattern costs far more than
    /// comparing a string, so this also bounds the work of compiling a query.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxRegexTerms
    {
        get => _maxRegexTerms;
        init => _maxRegexTerms = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxRegexTerms), value, "MaxRegexTerms must be at least 1.");
    }
}
