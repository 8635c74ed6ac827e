namespace StreamJobs.Mql.Benchmarks;

public sealed record BenchSpan(string Name, string Status, long DurationMicros, Dictionary<string, string> Tags);
