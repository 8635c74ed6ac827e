using StreamJobs.Metrics;
using StreamJobs.Streams;
using StreamJobs.Streams.Stages;

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
        return new Source<T, TLogic>((scope, attributes, downstream) =>
        {
            var metrics = scope.Stage(attributes, name, StageKind.Source);
            var logic = create();
            logic.Bind(scope, metrics);
            var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            scope.TrackSink(stopped.Task);
            scope.Launch(() => RunAsync(scope, metrics, logic, downstream, stopped));
            return logic;
        });
    }

    private static async Task RunAsync<T>(GraphScope scope, StageMetrics metrics, ReplayableSourceLogic<T> logic, IBatchConsumer<T> downstream, TaskCompletionSource stopped)
    {
        Exception? error = null;
        try
        {
            var buffer = new T[scope.Settings.BatchSize];
            var stopping = scope.ShutdownRequested;
            while (!stopping.IsCancellationRequested)
            {
                scope.Aborted.ThrowIfCancellationRequested();
                var count = await logic.ReadAsync(buffer, stopping).ConfigureAwait(false);
                if (count <= 0) break;
                metrics.AddOut(count);
                await downstream.OnNextAsync(new Batch<T>(buffer, count)).ConfigureAwait(false);
                Array.Clear(buffer, 0, count);
            }
        }
        catch (OperationCanceledException) when (scope.ShutdownRequested.IsCancellationRequested && !scope.Aborted.IsCancellationRequested)
        {
            // A graceful shutdown: complete normally so in-flight records drain.
        }
        catch (Exception failure)
        {
            error = failure;
        }
        try
        {
            await downstream.OnCompleteAsync(error).ConfigureAwait(false);
        }
        catch (Exception completionError)
        {
            scope.Logger.LogCompletionFailure(completionError);
        }
        try
        {
            await logic.StopAsync(error is not null || scope.Aborted.IsCancellationRequested).ConfigureAwait(false);
            stopped.TrySetResult();
        }
        catch (Exception stopError)
        {
            stopped.TrySetException(stopError);
        }
    }
}
