namespace StreamJobs.FlowEnricher.Ownership;

/// <summary>One ownership range of an IP: [<see cref="StartUnixMs"/>, <see cref="EndUnixMs"/>).</summary>
/// <param name="Workload">The owner.</param>
/// <param name="StartUnixMs">Start, inclusive, Unix milliseconds.</param>
/// <param name="EndUnixMs">End, exclusive; <see cref="long.MaxValue"/> while still open.</param>
/// <param name="Evidence">Whether events or heartbeats established it.</param>
public readonly record struct OwnershipRange(string Workload, long StartUnixMs, long EndUnixMs, OwnershipEvidence Evidence);
