namespace StreamJobs.Host.Tests.Taps.Support;

/// <summary>A record with a long name, queried through the JSON fallback (it has no schema).</summary>
public sealed record Label(long Seq, string Name);
