using Akka.Streams;
using AkkaNotUsed = Akka.NotUsed;
using Dsl = Akka.Streams.Dsl;

namespace StreamJobs.Streams.Wiring;

/// <summary>A segment that starts at a source: what a graph's source side wires into.</summary>
internal sealed class SourceSegment<T>(Dsl.Source<Batch<T>, AkkaNotUsed> source, int? nextInputBuffer = null) : Segment<T>
{
    /// <summary>The wired source, with the input buffer the island after the last boundary asked for.</summary>
    public Dsl.Source<Batch<T>, AkkaNotUsed> Source => nextInputBuffer is { } size
        ? source.AddAttributes(Akka.Streams.Attributes.CreateInputBuffer(size, size))
        : source;

    public override Segment<TOut> Via<TOut>(IGraph<FlowShape<Batch<T>, Batch<TOut>>, AkkaNotUsed> flow) =>
        new SourceSegment<TOut>(source.Via(flow), nextInputBuffer);

    public override Segment<T> Async(int bufferBatches) =>
        new SourceSegment<T>(Source.Async(), GraphScope.InputBuffer(bufferBatches));

    /// <summary>Seals any segment that began at a source.</summary>
    public static SourceSegment<T> Of(Segment<T> segment) => segment switch
    {
        SourceSegment<T> source => source,
        _ => (SourceSegment<T>)segment.Via(Dsl.Flow.Create<Batch<T>>()),
    };
}
