namespace StreamJobs.Mql.Benchmarks;

public sealed record BenchTrace(string TraceId, string Service, long DurationMicros, BenchResource Resource, IReadOnlyList<BenchSpan> Spans, Dictionary<string, string> Tags);
