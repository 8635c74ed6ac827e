namespace StreamJobs.FlowEnricher;

/// <summary>Where a waiting flow's slot stands.</summary>
internal enum WaitState : byte
{
    /// <summary>The slot is on the free list.</summary>
    Free,

    /// <summary>Waiting for its start to fall behind the lateness bound (in the settle heap).</summary>
    Settling,

    /// <summary>Settled but unresolved: re-checked only when one of its IPs' histories changed (in the parked list).</summary>
    Parked,
}
