using StreamJobs.Telemetry.Spans;

namespace StreamJobs.TailSampler;

/// <summary>
/// Decides whole traces. Drop policies are checked first (any match drops), then keep policies in
/// order (the first match keeps and names itself); no match drops. Decisions are remembered in a
/// bounded cache so late spans of a decided trace (which the buffer emits as a new, partial trace)
/// follow the earlier decision. Not thread-safe; a keyed stage owns one sampler.
/// </summary>
public sealed class TraceSampler
{
    private readonly TracePolicyRule[] _rules;
    private readonly long[] _matches;
    private readonly DecisionCache _cache;

    /// <summary>Creates a sampler from configuration.</summary>
    /// <param name="options">Policies and cache size.</param>
    /// <param name="factory">Policy factory (for custom types or a test clock); a default one when null.</param>
    public TraceSampler(TailSamplerOptions options, TracePolicyFactory? factory = null)
        : this((factory ?? new TracePolicyFactory()).CreateRules(Validated(options)), options.DecisionCacheSize)
    {
    }

    /// <summary>Creates a sampler from policies built in code.</summary>
    public TraceSampler(IEnumerable<TracePolicyRule> rules, int decisionCacheSize = 100_000)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = [.. rules];
        _matches = new long[_rules.Length];
        _cache = new DecisionCache(decisionCacheSize);
    }

    /// <summary>Traces kept (including late ones following a keep).</summary>
    public long TracesKept { get; private set; }

    /// <summary>Traces dropped (including late ones following a drop).</summary>
    public long TracesDropped { get; private set; }

    /// <summary>Traces whose id was already decided, so the earlier decision was reused.</summary>
    public long LateTraces { get; private set; }

    /// <summary>Spans in those late traces.</summary>
    public long LateSpans { get; private set; }

    /// <summary>Decisions forgotten because the cache was full.</summary>
    public long DecisionCacheEvictions => _cache.Evictions;

    /// <summary>Decisions currently remembered.</summary>
    public int DecisionCacheCount => _cache.Count;

    /// <summary>Decides one trace.</summary>
    public SamplingDecision Decide(Trace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        SamplingDecision decision;
        if (_cache.TryGet(trace.TraceId, out SamplingDecision earlier))
        {
            LateTraces++;
            LateSpans += trace.Spans.Count;
            decision = earlier with { Late = true };
        }
        else
        {
            decision = Evaluate(trace);
            _cache.Add(trace.TraceId, decision);
        }

        if (decision.Keep)
        {
            TracesKept++;
        }
        else
        {
            TracesDropped++;
        }

        return decision;
    }

    /// <summary>How many traces each top-level policy decided, by policy name.</summary>
    public IReadOnlyDictionary<string, long> GetDecisionCounts()
    {
        var counts = new Dictionary<string, long>(_rules.Length, StringComparer.Ordinal);
        for (int i = 0; i < _rules.Length; i++)
        {
            counts[_rules[i].Policy.Name] = counts.GetValueOrDefault(_rules[i].Policy.Name) + _matches[i];
        }

        return counts;
    }

    private static TailSamplerOptions Validated(TailSamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }

    private SamplingDecision Evaluate(Trace trace)
    {
        for (int i = 0; i < _rules.Length; i++)
        {
            if (_rules[i].Action == PolicyAction.Drop && _rules[i].Policy.Matches(trace))
            {
                _matches[i]++;
                return new SamplingDecision(false, _rules[i].Policy.Name);
            }
        }

        for (int i = 0; i < _rules.Length; i++)
        {
            if (_rules[i].Action == PolicyAction.Keep && _rules[i].Policy.Matches(trace))
            {
                _matches[i]++;
                return new SamplingDecision(true, _rules[i].Policy.Name);
            }
        }

        return new SamplingDecision(false, SamplingDecision.NoMatch);
    }
}
