namespace StreamJobs.FlowEnricher;

/// <summary>A snapshot of one attributor's counters, so the stage reports deltas (a restarted stage starts from zero).</summary>
internal readonly record struct AttributorTotals(
    long Attributed, long Unattributed, long Late, long Evicted, long Waiting,
    long EventsApplied, long EventsDuplicate, long EventsInvalid, long Rejected, long TrackedIps, long HandedOff)
{
    /// <summary>The counters now; <paramref name="countsOwnership"/> is false for all but one shard, since every shard applies every event.</summary>
    public static AttributorTotals Of(FlowAttributor attributor, long invalidEvents, long handedOff, bool countsOwnership = true) => countsOwnership
        ? new(attributor.Attributed, attributor.Unattributed, attributor.Late, attributor.EvictedEarly, attributor.Waiting,
            attributor.Ownership.EventsApplied, attributor.Ownership.DuplicateEvents, invalidEvents,
            attributor.Ownership.RejectedAtCapacity, attributor.Ownership.TrackedIps, handedOff)
        : new(attributor.Attributed, attributor.Unattributed, attributor.Late, attributor.EvictedEarly, attributor.Waiting,
            0, 0, 0, 0, 0, handedOff);
}
