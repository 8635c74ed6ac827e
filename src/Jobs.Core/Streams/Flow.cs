using StreamJobs.Streams.Fusion;
using StreamJobs.Streams.Stages;

namespace StreamJobs.Streams;

/// <summary>Factories of flows; operators are extension methods on <see cref="Flow{TIn,TOut}"/> and <see cref="Source{TOut,TMat}"/>.</summary>
public static class Flow
{
    /// <summary>The identity flow, to start a chain of operators: <c>Flow.Create&lt;Span&gt;().Where(…).Select(…)</c>.</summary>
    public static Flow<T, T> Create<T>() => new((_, _, upstream) => upstream);

    /// <summary>A stateful stage run by a fresh <see cref="StageLogic{TIn,TOut}"/> from <paramref name="logicFactory"/> per materialization.</summary>
    public static Flow<TIn, TOut> FromLogic<TIn, TOut>(Func<StageLogic<TIn, TOut>> logicFactory, string name = "stateful")
    {
        ArgumentNullException.ThrowIfNull(logicFactory);
        return new((scope, attributes, upstream) =>
            upstream.Via(new StatefulStage<TIn, TOut>(logicFactory, scope, scope.Stage(attributes, name), scope.SupervisionOf(attributes))));
    }

    /// <summary>
    /// A fused stateless stage running a struct <typeparamref name="TOperator"/> over every record of each batch: the fastest
    /// way to write a per-record step (see <see cref="IRecordOperator{TIn,TOut}"/>). Supervision applies as for <c>Select</c>.
    /// </summary>
    public static Flow<TIn, TOut> FromOperator<TIn, TOut, TOperator>(TOperator @operator, string name = "operator")
        where TOperator : struct, IRecordOperator<TIn, TOut> =>
        new((scope, attributes, upstream) =>
            upstream.Then<TOut, TOperator>(@operator, new RecordStep(scope.Stage(attributes, name), scope.SupervisionOf(attributes)), scope));
}
