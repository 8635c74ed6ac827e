namespace StreamJobs.TailSampler;

/// <summary>A top-level policy together with what happens when it matches.</summary>
/// <param name="Policy">The policy.</param>
/// <param name="Action">Keep or drop on match.</param>
public sealed record TracePolicyRule(ITracePolicy Policy, PolicyAction Action = PolicyAction.Keep);
