namespace StreamJobs.Streams;

/// <summary>A closed graph, source to sink, ready to run.</summary>
/// <typeparam name="TMat">The value running it returns.</typeparam>
public sealed class RunnableGraph<TMat>
{
    private readonly Func<GraphScope, Attributes, TMat> _materialize;

    internal RunnableGraph(Func<GraphScope, Attributes, TMat> materialize) => _materialize = materialize;

    /// <summary>Wires every stage, then starts the sources, and returns the materialized value.</summary>
    public TMat Run(Materializer materializer, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(materializer);
        var scope = materializer.CreateScope(name);
        var value = _materialize(scope, Attributes.None);
        scope.Start();
        return value;
    }

    /// <summary>Transforms the materialized value.</summary>
    public RunnableGraph<TMat2> MapMaterializedValue<TMat2>(Func<TMat, TMat2> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return new RunnableGraph<TMat2>((scope, attributes) => map(_materialize(scope, attributes)));
    }

    /// <summary>Applies <paramref name="attributes"/> to every stage that does not set its own.</summary>
    public RunnableGraph<TMat> WithAttributes(Attributes attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return new RunnableGraph<TMat>((scope, inherited) => _materialize(scope, attributes.Over(inherited)));
    }

    /// <summary>Sets the supervision of every stage that sets none.</summary>
    public RunnableGraph<TMat> WithSupervision(SupervisionStrategy strategy) => WithAttributes(new Attributes { Supervision = strategy });

    /// <summary>Lets a job's <c>Build</c> return a graph directly.</summary>
    public static implicit operator Jobs.JobGraph(RunnableGraph<TMat> graph) => Jobs.JobGraph.From(graph);

    internal TMat Materialize(GraphScope scope) => _materialize(scope, Attributes.None);
}
