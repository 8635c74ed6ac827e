namespace StreamJobs.FlowEnricher.Ownership;

/// <summary>Whether an ownership event gives an IP to a workload or takes it away.</summary>
public enum OwnershipChange : byte
{
    /// <summary>The IP now belongs to the workload.</summary>
    Assigned = 1,

    /// <summary>The IP no longer belongs to the workload.</summary>
    Unassigned = 2,
}
