using StreamJobs.Streams.Wiring;

namespace StreamJobs.Streams;

/// <summary>
/// A blueprint of a stage with one input and one output. Adjacent record steps (Select, Where,
/// operators) are fused into one stage that makes one pass over each batch; everything between async boundaries runs
/// in one Akka.Streams island (one actor).
/// </summary>
/// <typeparam name="TIn">The records it takes.</typeparam>
/// <typeparam name="TOut">The records it emits.</typeparam>
public sealed class Flow<TIn, TOut>
{
    private readonly Func<GraphScope, Attributes, Segment<TIn>, Segment<TOut>> _attach;

    internal Flow(Func<GraphScope, Attributes, Segment<TIn>, Segment<TOut>> attach) => _attach = attach;

    /// <summary>Connects this flow to <paramref name="next"/>.</summary>
    public Flow<TIn, T> Via<T>(Flow<TOut, T> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return new Flow<TIn, T>((scope, attributes, upstream) =>
            next.Attach(scope, attributes, _attach(scope, attributes.Upstream(), upstream)));
    }

    /// <summary>Connects this flow to a flow built with Akka.Streams over batches (see <see cref="Flow.FromAkka"/>).</summary>
    public Flow<TIn, T> Via<T, TAkkaMat>(Akka.Streams.IGraph<Akka.Streams.FlowShape<Batch<TOut>, Batch<T>>, TAkkaMat> next) =>
        Via(Flow.FromAkka(next));

    /// <summary>Ends this flow in <paramref name="sink"/>, giving a sink that keeps that sink's materialized value.</summary>
    public Sink<TIn, TMat> To<TMat>(Sink<TOut, TMat> sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return new Sink<TIn, TMat>((scope, attributes) =>
        {
            var segment = _attach(scope, attributes.Upstream(), FlowSegment<TIn, TIn>.Open());
            var (end, value) = sink.Build(scope, attributes);
            return (FlowSegment<TIn, TOut>.Of(segment).Flow.To(end), value);
        });
    }

    /// <summary>Applies <paramref name="attributes"/> to every stage of this flow that does not set its own.</summary>
    public Flow<TIn, TOut> WithAttributes(Attributes attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return new Flow<TIn, TOut>((scope, inherited, upstream) => _attach(scope, attributes.Over(inherited), upstream));
    }

    /// <summary>Names the last stage (in metrics and dead letters).</summary>
    public Flow<TIn, TOut> Named(string name) => WithAttributes(new Attributes { Name = name });

    /// <summary>Sets how the stages of this flow handle failing records.</summary>
    public Flow<TIn, TOut> WithSupervision(SupervisionStrategy strategy) => WithAttributes(new Attributes { Supervision = strategy });

    internal Segment<TOut> Attach(GraphScope scope, Attributes attributes, Segment<TIn> upstream) => _attach(scope, attributes, upstream);
}
