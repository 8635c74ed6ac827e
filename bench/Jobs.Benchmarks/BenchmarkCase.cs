namespace StreamJobs.Benchmarks;

/// <summary>One row of the table: a pipeline of <paramref name="Stages"/> stages over <paramref name="Records"/> records.</summary>
/// <param name="Pipeline">What runs, as printed.</param>
/// <param name="Batch">Records per stream element (1 for one element per record).</param>
/// <param name="Records">Records per run; a slow peer runs fewer and is compared by rate.</param>
/// <param name="Stages">Which hand-written loop (1, 3 or 10 stages) the row is compared with.</param>
/// <param name="Run">One timed run.</param>
internal sealed record BenchmarkCase(string Pipeline, int Batch, long Records, int Stages, Func<Task<RunResult>> Run);
