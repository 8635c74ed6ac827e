namespace StreamJobs.FlowEnricher.Ownership;

/// <summary>What an ownership range rests on.</summary>
public enum OwnershipEvidence : byte
{
    /// <summary>Assignment/unassignment events.</summary>
    Event = 1,

    /// <summary>Flows that carried the local workload identity.</summary>
    Heartbeat = 2,
}
