namespace StreamJobs.FlowEnricher.Ownership;

/// <summary>Result of <see cref="IpOwnershipTable.Lookup"/>.</summary>
/// <param name="Status">Whether an owner was found, and if not, why.</param>
/// <param name="Workload">The owner when <see cref="Status"/> is <see cref="OwnerLookupStatus.Owned"/>.</param>
/// <param name="Evidence">What the answer rests on (events win when both agree).</param>
public readonly record struct OwnerLookup(OwnerLookupStatus Status, string? Workload, OwnershipEvidence Evidence);
