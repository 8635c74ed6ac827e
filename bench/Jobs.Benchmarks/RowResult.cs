namespace StreamJobs.Benchmarks;

/// <summary>A case's best round, next to the hand-written loop measured in that same round.</summary>
internal sealed record RowResult(BenchmarkCase Case, Measurement Best, Measurement HandLoop, long HandLoopRecords)
{
    public double RecordsPerSecond => Best.RecordsPerSecond(Case.Records);

    public double HandLoopRecordsPerSecond => HandLoop.RecordsPerSecond(HandLoopRecords);

    /// <summary>Time per record over the hand loop's time per record: 1.0 is as fast as the loop.</summary>
    public double RatioToHandLoop => HandLoopRecordsPerSecond / RecordsPerSecond;
}
