namespace StreamJobs.Host.Taps;

/// <summary>Limits and access for live taps (<c>StreamJobs:Taps</c>).</summary>
internal sealed class TapOptions
{
    public const string Section = "StreamJobs:Taps";

    /// <summary>The longest <see cref="MaxDuration"/> allowed: timers take at most int.MaxValue milliseconds (about 24.8 days).</summary>
    public static readonly TimeSpan LongestDuration = TimeSpan.FromDays(24);

    /// <summary>Taps open at once on this node; more get 429, so taps cannot exhaust the node.</summary>
    public int MaxConcurrent { get; set; } = 16;

    /// <summary>Matching records one tap may send per second; the excess is dropped and counted.</summary>
    public int MaxRecordsPerSecond { get; set; } = 10_000;

    /// <summary>Batches a tap buffers before the stream starts dropping for it.</summary>
    public int BufferBatches { get; set; } = 16;

    /// <summary>How often a tap reports its counters (and polls windowed aggregates).</summary>
    public TimeSpan MetaInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Dedicated low-priority threads that evaluate every tap's query; never the jobs' thread pool.</summary>
    public int Workers { get; set; } = 2;

    /// <summary>Evaluation time one tap may use per second; past it the rest of that second's records are skipped and counted.</summary>
    public TimeSpan EvaluationBudget { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long one regex match in a tap may run before it counts as no match.</summary>
    public TimeSpan RegexTimeout { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Regex timeouts within <see cref="RegexTimeoutWindow"/> that stop a tap.</summary>
    public int MaxRegexTimeouts { get; set; } = 10;

    /// <summary>The window <see cref="MaxRegexTimeouts"/> is counted in.</summary>
    public TimeSpan RegexTimeoutWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest a tap may run: a longer <c>duration</c> is refused (400), and a tap without one ends here.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The largest query accepted as a POST body; larger bodies get 413 before the query is parsed.</summary>
    public int MaxQueryBytes { get; set; } = 64 * 1024;

    /// <summary>The longest query text, in characters (MQL's <c>MaxQueryLength</c>); longer gets a positioned 400.</summary>
    public int MaxQueryLength { get; set; } = Mql.MqlLimits.Default.MaxQueryLength;

    /// <summary>The deepest nesting of parentheses and NOTs in a query (MQL's <c>MaxDepth</c>); deeper gets a positioned 400.</summary>
    public int MaxQueryDepth { get; set; } = Mql.MqlLimits.Default.MaxDepth;

    /// <summary>Most <c>==~</c> terms in a query (MQL's <c>MaxRegexTerms</c>); more gets a positioned 400.</summary>
    public int MaxQueryRegexTerms { get; set; } = Mql.MqlLimits.Default.MaxRegexTerms;

    /// <summary>The MQL limits a tap query is parsed under.</summary>
    public Mql.MqlLimits QueryLimits() => new() { MaxQueryLength = MaxQueryLength, MaxDepth = MaxQueryDepth, MaxRegexTerms = MaxQueryRegexTerms };

    /// <summary>Bearer token for the tap endpoints; required when the host binds a non-loopback address.</summary>
    public string? Token { get; set; }

    /// <summary>Base URLs of every replica (this node included) for fan-out queries.</summary>
    public List<string> Replicas { get; set; } = [];

    /// <summary>A DNS name whose A records are the replicas (e.g. a Kubernetes headless service).</summary>
    public string? ReplicaDns { get; set; }

    /// <summary>The replicas' HTTP port when found through <see cref="ReplicaDns"/>.</summary>
    public int ReplicaPort { get; set; } = 5080;
}
