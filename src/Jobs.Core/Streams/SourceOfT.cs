using StreamJobs.Streams.Wiring;

namespace StreamJobs.Streams;

/// <summary>
/// A blueprint of a stream stage with one output: nothing runs until the graph it ends up in is run.
/// Blueprints are immutable and can be materialized any number of times.
/// </summary>
/// <typeparam name="TOut">The records it emits.</typeparam>
/// <typeparam name="TMat">The value it materializes to (a queue to offer into, <see cref="NotUsed"/>, …).</typeparam>
public sealed class Source<TOut, TMat>
{
    private readonly Func<GraphScope, Attributes, (Segment<TOut> Segment, TMat Value)> _build;

    internal Source(Func<GraphScope, Attributes, (Segment<TOut> Segment, TMat Value)> build) => _build = build;

    /// <summary>Connects this source to <paramref name="flow"/>, keeping this source's materialized value.</summary>
    public Source<T, TMat> Via<T>(Flow<TOut, T> flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return new Source<T, TMat>((scope, attributes) =>
        {
            var (segment, value) = _build(scope, attributes.Upstream());
            return (flow.Attach(scope, attributes, segment), value);
        });
    }

    /// <summary>Connects this source to a flow built with Akka.Streams over batches (see <see cref="Flow.FromAkka"/>).</summary>
    public Source<T, TMat> Via<T, TAkkaMat>(Akka.Streams.IGraph<Akka.Streams.FlowShape<Batch<TOut>, Batch<T>>, TAkkaMat> flow) =>
        Via(Flow.FromAkka(flow));

    /// <summary>Ends the graph in <paramref name="sink"/>, keeping this source's materialized value.</summary>
    public RunnableGraph<TMat> To<TSinkMat>(Sink<TOut, TSinkMat> sink) => ToMaterialized(sink, Keep.Left);

    /// <summary>Ends the graph in <paramref name="sink"/>, combining both materialized values.</summary>
    public RunnableGraph<TResult> ToMaterialized<TSinkMat, TResult>(Sink<TOut, TSinkMat> sink, Func<TMat, TSinkMat, TResult> combine)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(combine);
        return new RunnableGraph<TResult>((scope, attributes) =>
        {
            var (segment, sourceValue) = _build(scope, attributes.Upstream());
            var (end, sinkValue) = sink.Build(scope, attributes);
            var wired = SourceSegment<TOut>.Of(segment);
            scope.Run(wired.Source.To(end), wired.InputBuffer);
            return combine(sourceValue, sinkValue);
        });
    }

    /// <summary>Runs this source into <paramref name="sink"/> and returns the sink's materialized value.</summary>
    public TSinkMat RunWith<TSinkMat>(Sink<TOut, TSinkMat> sink, Materializer materializer) =>
        ToMaterialized(sink, Keep.Right).Run(materializer);

    /// <summary>Transforms the materialized value.</summary>
    public Source<TOut, TMat2> MapMaterializedValue<TMat2>(Func<TMat, TMat2> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return new Source<TOut, TMat2>((scope, attributes) =>
        {
            var (segment, value) = _build(scope, attributes);
            return (segment, map(value));
        });
    }

    /// <summary>Applies <paramref name="attributes"/> to every stage of this source that does not set its own.</summary>
    public Source<TOut, TMat> WithAttributes(Attributes attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return new Source<TOut, TMat>((scope, inherited) => _build(scope, attributes.Over(inherited)));
    }

    /// <summary>Names the last stage (in metrics and dead letters).</summary>
    public Source<TOut, TMat> Named(string name) => WithAttributes(new Attributes { Name = name });

    /// <summary>Sets how the stages of this source handle failing records.</summary>
    public Source<TOut, TMat> WithSupervision(SupervisionStrategy strategy) => WithAttributes(new Attributes { Supervision = strategy });

    internal (Segment<TOut> Segment, TMat Value) Build(GraphScope scope, Attributes attributes) => _build(scope, attributes);
}
