using AkkaNotUsed = Akka.NotUsed;
using Dsl = Akka.Streams.Dsl;

namespace StreamJobs.Streams;

/// <summary>A blueprint of a stage with one input, where a graph ends.</summary>
/// <typeparam name="TIn">The records it takes.</typeparam>
/// <typeparam name="TMat">The value it materializes to, usually a task that completes with the stream.</typeparam>
public sealed class Sink<TIn, TMat>
{
    private readonly Func<GraphScope, Attributes, (Dsl.Sink<Batch<TIn>, AkkaNotUsed>, TMat)> _materialize;

    internal Sink(Func<GraphScope, Attributes, (Dsl.Sink<Batch<TIn>, AkkaNotUsed>, TMat)> materialize) => _materialize = materialize;

    /// <summary>Transforms the materialized value.</summary>
    public Sink<TIn, TMat2> MapMaterializedValue<TMat2>(Func<TMat, TMat2> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return new Sink<TIn, TMat2>((scope, attributes) =>
        {
            var (end, value) = _materialize(scope, attributes);
            return (end, map(value));
        });
    }

    /// <summary>Applies <paramref name="attributes"/> to every stage of this sink that does not set its own.</summary>
    public Sink<TIn, TMat> WithAttributes(Attributes attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return new Sink<TIn, TMat>((scope, inherited) => _materialize(scope, attributes.Over(inherited)));
    }

    /// <summary>Names the sink (in metrics and dead letters).</summary>
    public Sink<TIn, TMat> Named(string name) => WithAttributes(new Attributes { Name = name });

    /// <summary>Sets how the sink handles failing records.</summary>
    public Sink<TIn, TMat> WithSupervision(SupervisionStrategy strategy) => WithAttributes(new Attributes { Supervision = strategy });

    internal (Dsl.Sink<Batch<TIn>, AkkaNotUsed> End, TMat Value) Build(GraphScope scope, Attributes attributes) => _materialize(scope, attributes);
}
