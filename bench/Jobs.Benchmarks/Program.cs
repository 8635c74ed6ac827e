using StreamJobs.Benchmarks;

// Engine throughput next to a hand-written loop doing the same work, measured in the same run.
// Usage: dotnet run -c Release --project bench/Jobs.Benchmarks [-- --records N]
var records = args.Length == 2 && args[0] == "--records" ? long.Parse(args[1]) : 10_000_000L;
Console.WriteLine($"records per run: {records:N0}; cores: {Environment.ProcessorCount}; {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
Console.WriteLine();
Console.WriteLine("| pipeline | batch | engine records/s | hand-written records/s | engine ÷ hand-written time |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var (stages, batch) in new[] { (1, 1024), (3, 1024), (3, 64), (3, 1), (10, 1024) })
{
    var engine = await PipelineBenchmark.Best(() => PipelineBenchmark.EngineAsync(records, stages, batch, async: false));
    var hand = await PipelineBenchmark.Best(() => Task.FromResult(PipelineBenchmark.HandWritten(records, stages)));
    Console.WriteLine($"| {stages} fused Select/Where stages | {batch} | {Rate(records, engine)} | {Rate(records, hand)} | {engine.TotalSeconds / hand.TotalSeconds:0.00}× |");
}
var structs = await PipelineBenchmark.Best(() => PipelineBenchmark.EngineAsync(records, 3, 1024, async: false, structOperators: true));
var plain = await PipelineBenchmark.Best(() => Task.FromResult(PipelineBenchmark.HandWritten(records, 3)));
Console.WriteLine($"| 3 fused struct-operator stages | 1024 | {Rate(records, structs)} | {Rate(records, plain)} | {structs.TotalSeconds / plain.TotalSeconds:0.00}× |");
var boundary = await PipelineBenchmark.Best(() => PipelineBenchmark.EngineAsync(records, 3, 1024, async: true));
var baseline = await PipelineBenchmark.Best(() => Task.FromResult(PipelineBenchmark.HandWritten(records, 3)));
Console.WriteLine($"| 3 stages + async boundary (2 tasks) | 1024 | {Rate(records, boundary)} | {Rate(records, baseline)} | {boundary.TotalSeconds / baseline.TotalSeconds:0.00}× |");

static string Rate(long records, TimeSpan elapsed) => $"{records / elapsed.TotalSeconds / 1e6:0.0}M";
