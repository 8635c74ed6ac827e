namespace StreamJobs.Mql;

/// <summary>
/// A SAMPLE clause: a record is kept when <c>hash % Factor &lt; Threshold</c>, so <c>Threshold / Factor</c>
/// of the stream passes. For <see cref="MqlSampleStrategy.Sticky"/> the hash is FNV-1a (64 bit, then avalanched) over
/// <see cref="Salt"/> and the values of <see cref="Keys"/>; for <see cref="MqlSampleStrategy.Random"/> it is random.
/// </summary>
public sealed record MqlSample(MqlSampleStrategy Strategy, long Threshold, long Factor, IReadOnlyList<string> Keys, string Salt);
