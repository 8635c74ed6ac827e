namespace StreamJobs.FlowEnricher.Ownership;

/// <summary>The answer of an ownership lookup.</summary>
public enum OwnerLookupStatus : byte
{
    /// <summary>The IP has no history at all.</summary>
    NotTracked = 0,

    /// <summary>The IP is tracked but nothing covers that instant (or it was explicitly unassigned).</summary>
    NotCovered,

    /// <summary>
    /// Evidence exists but cannot be trusted yet: an event range younger than the event lateness bound (a late
    /// event may still split it), or event and heartbeat evidence that disagree.
    /// </summary>
    Pending,

    /// <summary>An owner was found.</summary>
    Owned,
}
