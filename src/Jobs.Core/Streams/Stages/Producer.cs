namespace StreamJobs.Streams.Stages;

/// <summary>Runs a source's loop and turns its ending (normal, shutdown, abort or error) into one completion signal.</summary>
internal static class Producer
{
    public static void Launch<T>(GraphScope scope, IBatchConsumer<T> downstream, Func<CancellationToken, Task> loop) =>
        scope.Launch(() => RunAsync(scope, downstream, loop));

    private static async Task RunAsync<T>(GraphScope scope, IBatchConsumer<T> downstream, Func<CancellationToken, Task> loop)
    {
        Exception? error = null;
        try
        {
            await loop(scope.ShutdownRequested).ConfigureAwait(false);
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
    }
}
