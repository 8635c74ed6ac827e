using System.Diagnostics;
using System.Runtime;
using StreamJobs.Mql;
using StreamJobs.Mql.Benchmarks;

// Single-threaded throughput of a compiled MQL predicate next to hand-written C# doing the same work,
// measured in the same process over the same records. Usage: dotnet run -c Release [--records N] [--rounds R]
var records = ArgOr("--records", 200_000);
var rounds = ArgOr("--rounds", 7);
var data = Workload.Records(records, seed: 11);
var predicate = Mql.CompilePredicate(Workload.Where, Workload.TraceSchema);

var expected = data.Count(Workload.HandWritten);
var actual = data.Count(r => predicate.Matches(r));
if (expected != actual)
{
    Console.Error.WriteLine($"MQL matched {actual} records but the hand-written predicate matched {expected}.");
    return 1;
}

// Rounds alternate between the two so that load from other processes on a shared machine hits both alike.
var (mql, hand) = MeasurePair(() => Count(data, r => predicate.Matches(r)), () => Count(data, Workload.HandWritten));

Console.WriteLine($"records: {records:N0}, matches: {expected:N0}, rounds: {rounds} (best of), server GC: {GCSettings.IsServerGC}");
Console.WriteLine();
Console.WriteLine("| workload | MQL compiled (records/s) | hand-written C# (records/s) | ratio (hand / MQL) |");
Console.WriteLine("|---|---:|---:|---:|");
Console.WriteLine($"| typed trace: 4 conditions + regex + nested + any-element | {mql:N0} | {hand:N0} | {hand / mql:F2}x |");
return 0;

(double First, double Second) MeasurePair(Func<int> first, Func<int> second)
{
    first();
    second();
    var (bestFirst, bestSecond) = (0.0, 0.0);
    for (var i = 0; i < rounds; i++)
    {
        bestFirst = Math.Max(bestFirst, Rate(first));
        bestSecond = Math.Max(bestSecond, Rate(second));
    }

    return (bestFirst, bestSecond);
}

double Rate(Func<int> run)
{
    var watch = Stopwatch.StartNew();
    GC.KeepAlive(run());
    watch.Stop();
    return data.Length / watch.Elapsed.TotalSeconds;
}

static int Count(BenchTrace[] items, Func<BenchTrace, bool> filter)
{
    var n = 0;
    foreach (var item in items)
    {
        if (filter(item))
        {
            n++;
        }
    }

    return n;
}

int ArgOr(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
}
