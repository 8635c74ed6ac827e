namespace StreamJobs.TailSampler;

/// <summary>
/// One policy as written in configuration. <see cref="Type"/> selects the policy; only the settings
/// that type uses are read (see docs/sampling.md for one example per type).
/// </summary>
public sealed class TracePolicyOptions
{
    /// <summary>Name reported in decisions and metrics; defaults to the type.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// Policy type: <c>error</c>, <c>warning</c>, <c>retry</c>, <c>latency</c>, <c>always-keep</c>,
    /// <c>probabilistic</c>, <c>rate-limit</c>, <c>mql</c>, <c>any-of</c>, <c>all-of</c>, <c>not</c>, or a registered custom type.
    /// </summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>For top-level policies: <see cref="PolicyAction.Keep"/> (default) or <see cref="PolicyAction.Drop"/>.</summary>
    public PolicyAction Action { get; set; } = PolicyAction.Keep;

    /// <summary><c>latency</c>: keep traces lasting at least this many milliseconds (&gt; 0).</summary>
    public double ThresholdMs { get; set; }

    /// <summary><c>probabilistic</c>: percentage of trace ids kept, 0..100.</summary>
    public double Percentage { get; set; }

    /// <summary><c>rate-limit</c>: traces per second per root service (&gt; 0).</summary>
    public double TracesPerSecond { get; set; }

    /// <summary><c>rate-limit</c>: bucket size; defaults to <see cref="TracesPerSecond"/> (at least 1).</summary>
    public double Burst { get; set; }

    /// <summary><c>always-keep</c>: requests to keep by service and operation pattern.</summary>
    public List<RequestPatternOptions> Requests { get; set; } = [];

    /// <summary><c>always-keep</c>: keep traces with the debug flag (B3 <c>d</c>, Zipkin <c>debug</c>). Default true.</summary>
    public bool KeepDebug { get; set; } = true;

    /// <summary><c>always-keep</c>: keep traces sampled upstream (B3 sampled = 1). Default false.</summary>
    public bool KeepSampled { get; set; }

    /// <summary><c>any-of</c>, <c>all-of</c>, <c>not</c>: the child policies (<c>not</c> takes exactly one).</summary>
    public List<TracePolicyOptions> Policies { get; set; } = [];

    /// <summary><c>mql</c>: an MQL WHERE predicate over a trace (see <see cref="TraceMqlSchema"/>), e.g. <c>hasError and rootService == 'checkout'</c>.</summary>
    public string? Expression { get; set; }
}
