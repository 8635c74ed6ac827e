using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Ownership;

/// <summary>An IP assignment or unassignment from the platform (may arrive late and out of order).</summary>
/// <param name="Ip">The address.</param>
/// <param name="Workload">The workload (application) gaining or losing it.</param>
/// <param name="TimestampUnixMs">When the change took effect, Unix milliseconds.</param>
/// <param name="Change">Assigned or unassigned.</param>
public readonly record struct OwnershipEvent(IpAddress Ip, string Workload, long TimestampUnixMs, OwnershipChange Change);
