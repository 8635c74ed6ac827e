namespace StreamJobs.Benchmarks;

/// <summary>Command line: <c>[--records N] [--per-record-records N] [--quick]</c>.</summary>
internal sealed record BenchmarkOptions(long Records, long PerRecordPeerRecords, int Rounds, bool WarmUp)
{
    public const string Usage = "usage: StreamJobs.Benchmarks [--records N] [--per-record-records N] [--quick]";

    /// <summary>Parses <paramref name="args"/>; null with <paramref name="error"/> set when they make no sense.</summary>
    public static BenchmarkOptions? Parse(string[] args, out string? error)
    {
        long? records = null, perRecord = null;
        var quick = false;
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--records" or "--per-record-records" when i + 1 < args.Length
                    && long.TryParse(args[i + 1], out var n) && n > 0:
                    if (args[i] == "--records") records = n;
                    else perRecord = n;
                    i++;
                    break;
                default:
                    error = $"unexpected argument '{args[i]}' (counts must be positive integers)";
                    return null;
            }
        }
        // Quick is a smoke run: a tenth of the records and one round; the warm-up round stays, else the table
        // shows mostly JIT tiering.
        return quick
            ? new BenchmarkOptions(records ?? 1_000_000, perRecord ?? 200_000, Rounds: 1, WarmUp: true)
            : new BenchmarkOptions(records ?? 10_000_000, perRecord ?? 2_000_000, Rounds: 3, WarmUp: true);
    }
}
