using Akka.Streams;
using StreamJobs.Streams.Fusion;
using StreamJobs.Streams.Stages;
using AkkaNotUsed = Akka.NotUsed;

namespace StreamJobs.Streams.Wiring;

/// <summary>Record steps waiting to become one fused stage after <paramref name="head"/>.</summary>
internal sealed class ChainSegment<TA, T, TChain>(Segment<TA> head, TChain chain, RecordStep[] steps, GraphScope scope) : Segment<T>
    where TChain : struct, IRecordChain<TA, T>
{
    public override Segment<TOut> Via<TOut>(IGraph<FlowShape<Batch<T>, Batch<TOut>>, AkkaNotUsed> flow) =>
        head.Via(new FusedRecordStage<TA, T, TChain>(chain, steps, scope)).Via(flow);

    public override Segment<T> Async(int bufferBatches) =>
        head.Via(new FusedRecordStage<TA, T, TChain>(chain, steps, scope)).Async(bufferBatches);

    /// <summary>
    /// Past this many steps a chain starts a new fused stage: deeper nesting outgrows what the JIT inlines, and a
    /// chain that is not inlined runs slower than separate loops.
    /// </summary>
    public const int MaxSteps = 4;

    public override Segment<TOut> Then<TOut, TOperator>(TOperator @operator, RecordStep step, GraphScope graph) =>
        steps.Length >= MaxSteps
            ? head.Via(new FusedRecordStage<TA, T, TChain>(chain, steps, scope)).Then<TOut, TOperator>(@operator, step, graph)
            : new ChainSegment<TA, TOut, RecordThen<TA, T, TOut, TChain, RecordLeaf<T, TOut, TOperator>>>(
            head,
            new RecordThen<TA, T, TOut, TChain, RecordLeaf<T, TOut, TOperator>>(chain, new RecordLeaf<T, TOut, TOperator>(@operator)),
            [.. steps, step],
            scope);
}
