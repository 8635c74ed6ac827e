namespace StreamJobs.FlowEnricher;

/// <summary>A reference to a waiting-flow slot that goes stale when the slot is freed (its generation moves on).</summary>
internal readonly record struct SlotRef(int Slot, int Generation);
