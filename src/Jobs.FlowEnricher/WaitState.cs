namespace StreamJobs.FlowEnricher;

/// <summary>Where a waiting flow's slot stands.</summary>
internal enum WaitState : byte
{
    /// <summary>The slot is on the free list.</summary>
    Free,

    /// <summary>Waiting for its start to fall behind the lateness bound (in the settle wheel).</summary>
    Settling,

    /// <summary>Settled but unresolved: re-checked only when the history that blocked it changed (in that history's list).</summary>
    Parked,

    /// <summary>Taken out of its parked list by a change, or out of the settle wheel when due, about to be checked (then parked again or removed).</summary>
    Woken,
}
