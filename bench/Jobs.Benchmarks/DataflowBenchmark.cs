using System.Diagnostics;
using System.Threading.Tasks.Dataflow;

namespace StreamJobs.Benchmarks;

/// <summary>
/// The 3-stage pipeline on TPL Dataflow: one <see cref="TransformBlock{TInput,TOutput}"/> per stage over batches,
/// bounded to 8 batches each, into an <see cref="ActionBlock{TInput}"/> that sums. Every block runs on the thread
/// pool, so this peer pays a hand-off per batch per stage, as an engine with an async boundary per stage would.
/// Batches are fresh arrays as in <see cref="BatchStages"/>.
/// </summary>
internal static class DataflowBenchmark
{
    public static async Task<RunResult> RunAsync(long records, int batchSize)
    {
        var bounded = new ExecutionDataflowBlockOptions { BoundedCapacity = 8 };
        var link = new DataflowLinkOptions { PropagateCompletion = true };
        var first = new TransformBlock<ArraySegment<long>, ArraySegment<long>>(BatchStages.TimesThreePlusOne, bounded);
        var second = new TransformBlock<ArraySegment<long>, ArraySegment<long>>(BatchStages.DropMultiplesOfEight, bounded);
        var third = new TransformBlock<ArraySegment<long>, ArraySegment<long>>(BatchStages.FlipBits, bounded);
        long total = 0;
        // One consumer at a time (MaxDegreeOfParallelism 1), so the plain += is safe.
        var sink = new ActionBlock<ArraySegment<long>>(batch => total += BatchStages.Sum(batch), bounded);
        first.LinkTo(second, link);
        second.LinkTo(third, link);
        third.LinkTo(sink, link);

        var watch = Stopwatch.StartNew();
        foreach (var batch in BatchStages.Count(records, batchSize))
        {
            if (!await first.SendAsync(batch)) throw new InvalidOperationException("the first block declined a batch");
        }
        first.Complete();
        await sink.Completion;
        watch.Stop();
        return new RunResult(watch.Elapsed, total);
    }
}
