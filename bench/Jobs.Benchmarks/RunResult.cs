namespace StreamJobs.Benchmarks;

/// <summary>One timed run: how long the pipeline took and what it summed (checked against the hand-written loop).</summary>
internal readonly record struct RunResult(TimeSpan Elapsed, long Sum);
