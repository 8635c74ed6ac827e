namespace StreamJobs.Benchmarks;

/// <summary>
/// Runs every case once per round, in turn with the hand-written loops, so a slow minute on a shared machine
/// hits all rows alike; each row reports its best round and the hand loop of that same round.
/// </summary>
internal static class RoundRunner
{
    public static async Task<IReadOnlyList<RowResult>> RunAsync(
        IReadOnlyList<BenchmarkCase> cases, IReadOnlyList<BenchmarkCase> handLoops, BenchmarkOptions options)
    {
        var all = cases.Concat(handLoops).ToList();
        var expected = ExpectedSums(all);
        var measured = all.ToDictionary(c => c, _ => new List<Measurement>());
        var rounds = (options.WarmUp ? 1 : 0) + options.Rounds;
        for (var round = 0; round < rounds; round++)
        {
            var warmUp = options.WarmUp && round == 0;
            foreach (var benchmark in all)
            {
                var measurement = await Measurement.Of(benchmark.Run);
                if (measurement.Sum != expected[(benchmark.Records, benchmark.Stages)])
                {
                    throw new InvalidOperationException(
                        $"{benchmark.Pipeline} at batch {benchmark.Batch} summed {measurement.Sum}, the hand-written loop {expected[(benchmark.Records, benchmark.Stages)]}");
                }
                if (!warmUp) measured[benchmark].Add(measurement);
            }
        }
        return cases.Select(c =>
        {
            var runs = measured[c];
            var best = Enumerable.Range(0, runs.Count).MinBy(i => runs[i].Elapsed);
            var hand = handLoops.Single(h => h.Stages == c.Stages);
            return new RowResult(c, runs[best], measured[hand][best], hand.Records);
        }).ToList();
    }

    /// <summary>What every pipeline must sum to, from the hand-written loop (untimed), so a wrong peer fails loudly.</summary>
    private static Dictionary<(long Records, int Stages), long> ExpectedSums(IEnumerable<BenchmarkCase> cases)
    {
        return cases.Select(c => (c.Records, c.Stages)).Distinct()
            .ToDictionary(key => key, key => PipelineBenchmark.HandWritten(key.Records, key.Stages).Sum);
    }
}
