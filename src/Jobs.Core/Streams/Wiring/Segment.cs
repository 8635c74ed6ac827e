using Akka.Streams;
using StreamJobs.Streams.Fusion;
using StreamJobs.Streams.Stages;
using AkkaNotUsed = Akka.NotUsed;

namespace StreamJobs.Streams.Wiring;

/// <summary>
/// The open end of a graph being wired, upstream first: an Akka source or flow whose output is batches of
/// <typeparamref name="T"/>, plus record steps not yet turned into a stage, so adjacent steps fuse into one loop.
/// </summary>
internal abstract class Segment<T>
{
    /// <summary>Appends an Akka flow, turning pending record steps into one fused stage first.</summary>
    public abstract Segment<TOut> Via<TOut>(IGraph<FlowShape<Batch<T>, Batch<TOut>>, AkkaNotUsed> flow);

    /// <summary>Makes everything wired so far its own island (actor), with an input buffer of <paramref name="bufferBatches"/> on the next one.</summary>
    public abstract Segment<T> Async(int bufferBatches);

    /// <summary>Appends a record step; it joins the pending steps, so it runs in their loop.</summary>
    public virtual Segment<TOut> Then<TOut, TOperator>(TOperator @operator, RecordStep step, GraphScope scope)
        where TOperator : struct, IRecordOperator<T, TOut> =>
        new ChainSegment<T, TOut, RecordLeaf<T, TOut, TOperator>>(this, new RecordLeaf<T, TOut, TOperator>(@operator), [step], scope);
}
