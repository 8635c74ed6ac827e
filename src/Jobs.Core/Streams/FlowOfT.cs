namespace StreamJobs.Streams;

/// <summary>
/// A blueprint of a stage with one input and one output. Synchronous flows connected to each other are
/// fused: they run on the task of their upstream, batch after batch, with no queue in between.
/// </summary>
/// <typeparam name="TIn">The records it takes.</typeparam>
/// <typeparam name="TOut">The records it emits.</typeparam>
public sealed class Flow<TIn, TOut>
{
    private readonly Func<GraphScope, Attributes, IBatchConsumer<TOut>, IBatchConsumer<TIn>> _attach;

    internal Flow(Func<GraphScope, Attributes, IBatchConsumer<TOut>, IBatchConsumer<TIn>> attach) => _attach = attach;

    /// <summary>Connects this flow to <paramref name="next"/>.</summary>
    public Flow<TIn, T> Via<T>(Flow<TOut, T> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return new Flow<TIn, T>((scope, attributes, downstream) =>
            _attach(scope, attributes.Upstream(), next.Attach(scope, attributes, downstream)));
    }

    /// <summary>Ends this flow in <paramref name="sink"/>, giving a sink that keeps that sink's materialized value.</summary>
    public Sink<TIn, TMat> To<TMat>(Sink<TOut, TMat> sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return new Sink<TIn, TMat>((scope, attributes) =>
        {
            var (consumer, value) = sink.Materialize(scope, attributes);
            return (_attach(scope, attributes.Upstream(), consumer), value);
        });
    }

    /// <summary>Applies <paramref name="attributes"/> to every stage of this flow that does not set its own.</summary>
    public Flow<TIn, TOut> WithAttributes(Attributes attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return new Flow<TIn, TOut>((scope, inherited, downstream) => _attach(scope, attributes.Over(inherited), downstream));
    }

    /// <summary>Names the last stage (in metrics and dead letters).</summary>
    public Flow<TIn, TOut> Named(string name) => WithAttributes(new Attributes { Name = name });

    /// <summary>Sets how the stages of this flow handle failing records.</summary>
    public Flow<TIn, TOut> WithSupervision(SupervisionStrategy strategy) => WithAttributes(new Attributes { Supervision = strategy });

    internal IBatchConsumer<TIn> Attach(GraphScope scope, Attributes attributes, IBatchConsumer<TOut> downstream) =>
        _attach(scope, attributes, downstream);
}
