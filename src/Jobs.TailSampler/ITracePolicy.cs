using StreamJobs.Telemetry.Spans;

namespace StreamJobs.TailSampler;

/// <summary>
/// A rule over a whole trace. Built-in policies are created from configuration by
/// <see cref="TracePolicyFactory"/>; new kinds (for example an MQL predicate) implement this and
/// are registered with <see cref="TracePolicyFactory.Register"/>.
/// </summary>
public interface ITracePolicy
{
    /// <summary>The name reported in <see cref="SamplingDecision.Policy"/> when this policy decides.</summary>
    string Name { get; }

    /// <summary>True when the trace satisfies the policy. Called once per trace, on one thread at a time.</summary>
    bool Matches(Trace trace);
}
