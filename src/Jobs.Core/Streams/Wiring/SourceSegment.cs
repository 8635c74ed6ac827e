using Akka.Streams;
using AkkaNotUsed = Akka.NotUsed;
using Dsl = Akka.Streams.Dsl;

namespace StreamJobs.Streams.Wiring;

/// <summary>A segment that starts at a source: what a graph's source side wires into.</summary>
/// <param name="source">The wired source.</param>
/// <param name="inputBuffer">
/// The input buffer, in batches, that the last async boundary asked for on the island after it; null for the default.
/// Akka reads an island's input buffer from the island's own attributes, so it is set on the composite that the next
/// boundary marks async, or on the whole graph at the end.
/// </param>
internal sealed class SourceSegment<T>(Dsl.Source<Batch<T>, AkkaNotUsed> source, int? inputBuffer = null) : Segment<T>
{
    public Dsl.Source<Batch<T>, AkkaNotUsed> Source => source;

    /// <summary>The input buffer the island after the last boundary asked for (null: the materializer's default).</summary>
    public int? InputBuffer => inputBuffer;

    public override Segment<TOut> Via<TOut>(IGraph<FlowShape<Batch<T>, Batch<TOut>>, AkkaNotUsed> flow) =>
        new SourceSegment<TOut>(source.Via(flow), inputBuffer);

    public override Segment<T> Async(int bufferBatches)
    {
        var island = inputBuffer is { } size ? source.AddAttributes(Akka.Streams.Attributes.CreateInputBuffer(size, size)) : source;
        return new SourceSegment<T>(island.Async(), GraphScope.InputBuffer(bufferBatches));
    }

    /// <summary>Seals any segment that began at a source.</summary>
    public static SourceSegment<T> Of(Segment<T> segment) => segment switch
    {
        SourceSegment<T> source => source,
        _ => (SourceSegment<T>)segment.Via(Dsl.Flow.Create<Batch<T>>()),
    };
}
