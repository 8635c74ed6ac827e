namespace StreamJobs.Mql.Benchmarks;

public sealed record BenchResource(string Region, int Replicas);
