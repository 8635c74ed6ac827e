namespace StreamJobs.Benchmarks;

/// <summary>Prints the results as one markdown table, then the issue's goal for 3 fused stages at batch 1024.</summary>
internal static class ResultTable
{
    public static void Print(IReadOnlyList<RowResult> rows, TextWriter output)
    {
        output.WriteLine("| pipeline | batch | records/run | records/s | hand-written records/s (same round) | time ÷ hand-written | gen0 GCs per 1M records | bytes allocated per record |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var gen0PerMillion = row.Best.Gen0Collections * 1e6 / row.Case.Records;
            var bytesPerRecord = (double)row.Best.AllocatedBytes / row.Case.Records;
            output.WriteLine(
                $"| {row.Case.Pipeline} | {row.Case.Batch} | {row.Case.Records:N0} | {Rate(row.RecordsPerSecond)} | {Rate(row.HandLoopRecordsPerSecond)} | {row.RatioToHandLoop:0.00}× | {gen0PerMillion:0.##} | {bytesPerRecord:0.##} |");
        }
    }

    public static void PrintGoal(RowResult? row, TextWriter output)
    {
        if (row is null) return;
        var met = row.RecordsPerSecond >= 90e6 && row.RatioToHandLoop <= 1.5;
        output.WriteLine();
        output.WriteLine(
            $"Goal (3 fused stages, batch 1024: ≥ 90M records/s and ≤ 1.5× the hand-written loop): {Rate(row.RecordsPerSecond)}, {row.RatioToHandLoop:0.00}× — {(met ? "met" : "not met")}.");
    }

    private static string Rate(double recordsPerSecond) => $"{recordsPerSecond / 1e6:0.0}M";
}
