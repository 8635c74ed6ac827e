namespace StreamJobs.Streams.Stages;

/// <summary>
/// Fan-out: hands every batch to each downstream in turn, so the slowest one sets the pace (as Akka's
/// Broadcast does). A failing downstream fails the others too.
/// </summary>
internal sealed class BroadcastStage<T>(IBatchConsumer<T>[] outputs) : IBatchConsumer<T>
{
    private int _completed;

    public async ValueTask OnNextAsync(Batch<T> batch)
    {
        try
        {
            foreach (var output in outputs) await output.OnNextAsync(batch).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            await OnCompleteAsync(error).ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask OnCompleteAsync(Exception? error)
    {
        if (Interlocked.Exchange(ref _completed, 1) == 1) return;
        foreach (var output in outputs) await output.OnCompleteAsync(error).ConfigureAwait(false);
    }
}
