using StreamJobs.Metrics;
using StreamJobs.Streams;
using StreamJobs.Streams.Stages;
using StreamJobs.Streams.Wiring;

namespace StreamJobs.Acknowledgement;

/// <summary>Builds sources over <see cref="ReplayableSourceLogic{T}"/>: the connector side of at-least-once.</summary>
public static class ReplayableSource
{
    /// <summary>
    /// A source that runs a new logic from <paramref name="create"/> per materialization and materializes to it.
    /// The graph's completion includes the logic's <see cref="ReplayableSourceLogic{T}.StopAsync"/> (the final
    /// commit), so <see cref="Materializer.ShutdownAsync"/> returns only after it.
    /// </summary>
    /// <remarks>
    /// Emits when the logic filled a batch. Backpressures when downstream does (the logic is not called).
    /// Completes when the logic returns 0 or a graceful shutdown was requested. Fails when the logic throws.
    /// </remarks>
    public static Source<T, TLogic> Create<T, TLogic>(Func<TLogic> create, string name)
        where TLogic : ReplayableSourceLogic<T>
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new Source<T, TLogic>((scope, attributes) =>
        {
            var metrics = scope.Stage(attributes, name, StageKind.Source);
            var logic = create();
            logic.Bind(scope, metrics);
            var source = new BatchSource<T>(logic.ReadAsync, scope, metrics, logic.StopAsync);
            return (new SourceSegment<T>(scope.Source(source)), logic);
        });
    }
}
