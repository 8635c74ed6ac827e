namespace StreamJobs.TailSampler;

/// <summary>The verdict on one trace.</summary>
/// <param name="Keep">True to keep (forward) the trace.</param>
/// <param name="Policy">The policy that decided, or <see cref="NoMatch"/> when none matched.</param>
/// <param name="Late">True when the trace id had been decided before and this decision was reused.</param>
public readonly record struct SamplingDecision(bool Keep, string Policy, bool Late = false)
{
    /// <summary>The policy name reported when no policy matched (the trace is dropped).</summary>
    public const string NoMatch = "(no-match)";
}
