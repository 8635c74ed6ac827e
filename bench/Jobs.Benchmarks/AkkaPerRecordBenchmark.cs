using System.Diagnostics;
using static Akka.Streams.Dsl.SourceOperations;
using AkkaSink = Akka.Streams.Dsl.Sink;
using AkkaSource = Akka.Streams.Dsl.Source;

namespace StreamJobs.Benchmarks;

/// <summary>The 3-stage pipeline on plain Akka.Streams with one stream element per record: what batching saves.</summary>
internal static class AkkaPerRecordBenchmark
{
    public static async Task<RunResult> RunAsync(AkkaRuntime akka, long records)
    {
        var sink = AkkaSink.Aggregate<long, long>(0L, (sum, x) => sum + x);
        var graph = AkkaSource.From(Count(records))
            .Select(x => x * 3 + 1)
            .Where(x => (x & 7) != 0)
            .Select(x => x ^ 0x5555);
        var watch = Stopwatch.StartNew();
        var total = await graph.RunWith(sink, akka.Materializer);
        watch.Stop();
        return new RunResult(watch.Elapsed, total);
    }

    private static IEnumerable<long> Count(long records)
    {
        for (long x = 0; x < records; x++) yield return x;
    }
}
