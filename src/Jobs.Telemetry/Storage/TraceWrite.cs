using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Telemetry.Storage;

/// <summary>
/// One trace to store: the trace, the sampling policy that kept it (stored with it), and whether
/// only its spans are written (late spans of a trace already stored, whose lookup rows exist).
/// </summary>
public readonly struct TraceWrite
{
    /// <summary>A trace to store with its lookup rows.</summary>
    /// <param name="trace">The trace.</param>
    /// <param name="policy">The policy that kept it, or null when it was not sampled by a policy.</param>
    /// <param name="spansOnly">True for late spans of a stored trace: write the spans, not another lookup row.</param>
    public TraceWrite(Trace trace, string? policy = null, bool spansOnly = false)
    {
        ArgumentNullException.ThrowIfNull(trace);
        Trace = trace;
        Policy = policy;
        SpansOnly = spansOnly;
    }

    /// <summary>The trace.</summary>
    public Trace Trace { get; }

    /// <summary>The policy that kept the trace, or null.</summary>
    public string? Policy { get; }

    /// <summary>Write only the spans (no lookup rows).</summary>
    public bool SpansOnly { get; }
}
