using StreamJobs.Benchmarks;

// The engine next to peers doing the same work (plain Akka.Streams per record and with arrays, TPL Dataflow)
// and a hand-written loop, all in one run with interleaved rounds.
// Usage: dotnet run -c Release --project bench/Jobs.Benchmarks [-- --records N] [--per-record-records N] [--quick]
var options = BenchmarkOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

var records = options.Records;
await using var akka = new AkkaRuntime();
var cases = new List<BenchmarkCase>();
foreach (var (stages, batch) in new[] { (1, 1024), (3, 1024), (3, 64), (3, 1), (10, 1024) })
{
    cases.Add(new($"engine: {stages} fused Select/Where stages", batch, records, stages,
        () => PipelineBenchmark.EngineAsync(records, stages, batch, async: false)));
}
cases.Add(new("engine: 3 fused struct-operator stages", 1024, records, 3,
    () => PipelineBenchmark.EngineAsync(records, 3, 1024, async: false, structOperators: true)));
cases.Add(new("engine: 3 stages + async boundary (2 tasks)", 1024, records, 3,
    () => PipelineBenchmark.EngineAsync(records, 3, 1024, async: true)));
cases.Add(new("Akka.Streams, one element per record: 3 stages", 1, options.PerRecordPeerRecords, 3,
    () => AkkaPerRecordBenchmark.RunAsync(akka, options.PerRecordPeerRecords)));
cases.Add(new("Akka.Streams, arrays, one lambda loop per stage: 3 stages", 1024, records, 3,
    () => AkkaBatchBenchmark.RunAsync(akka, records, 1024)));
cases.Add(new("TPL Dataflow, 3 bounded TransformBlocks + ActionBlock", 1024, records, 3,
    () => DataflowBenchmark.RunAsync(records, 1024)));
var handLoops = new[] { 1, 3, 10 }
    .Select(stages => new BenchmarkCase($"hand-written loop: {stages} stages", 1, records, stages,
        () => Task.FromResult(PipelineBenchmark.HandWritten(records, stages))))
    .ToList();

Console.WriteLine(
    $"records per run: {records:N0} (one element per record: {options.PerRecordPeerRecords:N0}); measured rounds: {options.Rounds}{(options.WarmUp ? " after a warm-up round" : ", no warm-up")}; cores: {Environment.ProcessorCount}; {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
Console.WriteLine();
var rows = await RoundRunner.RunAsync(cases, handLoops, options);
ResultTable.Print(rows, Console.Out);
ResultTable.PrintGoal(rows.FirstOrDefault(r => r.Case.Pipeline == "engine: 3 fused Select/Where stages" && r.Case.Batch == 1024), Console.Out);
return 0;
