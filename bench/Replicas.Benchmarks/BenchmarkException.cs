namespace StreamJobs.Replicas.Benchmarks;

/// <summary>A failure the benchmark explains itself (server down, script failed, run stuck): printed without a stack trace.</summary>
internal sealed class BenchmarkException(string message) : Exception(message);
