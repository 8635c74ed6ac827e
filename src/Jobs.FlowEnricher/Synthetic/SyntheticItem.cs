using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Synthetic;

/// <summary>One arrival in a synthetic scenario: an ownership event or a flow.</summary>
/// <param name="ArrivalUnixMs">When it reaches the job (processing time).</param>
/// <param name="IsFlow">True for a flow, false for an ownership event.</param>
/// <param name="Event">The event when <paramref name="IsFlow"/> is false.</param>
/// <param name="Flow">The flow when <paramref name="IsFlow"/> is true.</param>
public readonly record struct SyntheticItem(long ArrivalUnixMs, bool IsFlow, OwnershipEvent Event, FlowRecord Flow);
