using System.Diagnostics;
using static Akka.Streams.Dsl.SourceOperations;
using AkkaSink = Akka.Streams.Dsl.Sink;
using AkkaSource = Akka.Streams.Dsl.Source;

namespace StreamJobs.Benchmarks;

/// <summary>
/// The 3-stage pipeline on plain Akka.Streams with arrays of records as elements and one lambda loop per stage:
/// roughly what the engine does on Akka, without its operators. A batch is an <see cref="ArraySegment{T}"/>
/// (a <c>long[]</c> and a count) so the filter needs no second copy to trim its output.
/// </summary>
/// <remarks>
/// Every array is allocated fresh (by the generator and by each stage) and never written after it is pushed,
/// so no stage can see a buffer an upstream stage is still filling; the allocation shows in the bytes/record column.
/// </remarks>
internal static class AkkaBatchBenchmark
{
    public static async Task<RunResult> RunAsync(AkkaRuntime akka, long records, int batchSize)
    {
        var sink = AkkaSink.Aggregate<ArraySegment<long>, long>(0L, (sum, batch) => sum + BatchStages.Sum(batch));
        var graph = AkkaSource.From(BatchStages.Count(records, batchSize))
            .Select(BatchStages.TimesThreePlusOne)
            .Select(BatchStages.DropMultiplesOfEight)
            .Select(BatchStages.FlipBits);
        var watch = Stopwatch.StartNew();
        var total = await graph.RunWith(sink, akka.Materializer);
        watch.Stop();
        return new RunResult(watch.Elapsed, total);
    }
}
