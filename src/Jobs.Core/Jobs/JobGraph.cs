using StreamJobs.Streams;

namespace StreamJobs.Jobs;

/// <summary>What a job builds: a closed graph, whatever its materialized value. Any <see cref="RunnableGraph{TMat}"/> converts to it.</summary>
public sealed class JobGraph
{
    private readonly Action<GraphScope> _materialize;

    private JobGraph(Action<GraphScope> materialize) => _materialize = materialize;

    /// <summary>Wraps <paramref name="graph"/>.</summary>
    public static JobGraph From<TMat>(RunnableGraph<TMat> graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return new JobGraph(scope => graph.Materialize(scope));
    }

    /// <summary>Several independent graphs run as one job (e.g. a trace branch and a flow branch).</summary>
    public static JobGraph Combine(params JobGraph[] graphs)
    {
        ArgumentNullException.ThrowIfNull(graphs);
        return new JobGraph(scope =>
        {
            foreach (var graph in graphs) graph._materialize(scope);
        });
    }

    /// <summary>Runs the graph outside a host (a local run, a test); the task completes when every sink has.</summary>
    public Task Run(Materializer materializer, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(materializer);
        var scope = materializer.CreateScope(name);
        _materialize(scope);
        scope.Start();
        return scope.Completion;
    }

    internal void Materialize(GraphScope scope) => _materialize(scope);
}
