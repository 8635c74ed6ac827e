using Akka.Streams;
using AkkaNotUsed = Akka.NotUsed;
using Dsl = Akka.Streams.Dsl;

namespace StreamJobs.Streams.Wiring;

/// <summary>A segment that starts at an open input: what a flow is wired into when it becomes a sink.</summary>
/// <remarks>
/// Such a sink joins the island of whatever feeds it, so the island after its last async boundary has the graph's
/// input buffer, whatever that boundary asked for.
/// </remarks>
internal sealed class FlowSegment<TIn, T>(Dsl.Flow<Batch<TIn>, Batch<T>, AkkaNotUsed> flow) : Segment<T>
{
    public Dsl.Flow<Batch<TIn>, Batch<T>, AkkaNotUsed> Flow => flow;

    public override Segment<TOut> Via<TOut>(IGraph<FlowShape<Batch<T>, Batch<TOut>>, AkkaNotUsed> next) =>
        new FlowSegment<TIn, TOut>(flow.Via(next));

    public override Segment<T> Async(int bufferBatches) => new FlowSegment<TIn, T>(flow.Async());

    /// <summary>The start of a flow: nothing wired yet.</summary>
    public static FlowSegment<TIn, TIn> Open() => new(Dsl.Flow.Create<Batch<TIn>>());

    /// <summary>Seals a segment that began with <see cref="Open"/>.</summary>
    public static FlowSegment<TIn, T> Of(Segment<T> segment) => segment switch
    {
        FlowSegment<TIn, T> flow => flow,
        _ => (FlowSegment<TIn, T>)segment.Via(Dsl.Flow.Create<Batch<T>>()),
    };
}
