using System.Buffers;

namespace StreamJobs.Streams.Stages;

/// <summary>Drains a <see cref="SourceQueue{T}"/>, coalescing small offers into engine-sized batches.</summary>
internal static class QueueSource
{
    public static async Task RunAsync<T>(SourceQueue<T> queue, IBatchConsumer<T> downstream, GraphScope scope, Metrics.StageMetrics metrics)
    {
        var reader = queue.Reader;
        var size = scope.Settings.BatchSize;
        var batch = new T[size];
        // A shutdown closes the queue to new offers; what was already offered still drains.
        using var closeOnShutdown = scope.ShutdownRequested.Register(queue.Complete);
        while (await reader.WaitToReadAsync(scope.Aborted).ConfigureAwait(false))
        {
            var filled = 0;
            while (filled < size && reader.TryPeek(out var next))
            {
                if (filled > 0 && filled + next.Count > size) break;
                reader.TryRead(out next);
                try
                {
                    if (next.Count > size)
                    {
                        for (var offset = 0; offset < next.Count; offset += size)
                        {
                            var count = Math.Min(size, next.Count - offset);
                            metrics.AddOut(count);
                            await downstream.OnNextAsync(new Batch<T>(next.Items, offset, count)).ConfigureAwait(false);
                        }
                        continue;
                    }
                    next.Items.AsSpan(0, next.Count).CopyTo(batch.AsSpan(filled));
                    filled += next.Count;
                }
                finally
                {
                    ArrayPool<T>.Shared.Return(next.Items, clearArray: true);
                }
            }
            if (filled == 0) continue;
            metrics.AddOut(filled);
            await downstream.OnNextAsync(new Batch<T>(batch, filled)).ConfigureAwait(false);
            if (System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>()) Array.Clear(batch, 0, filled);
        }
        await reader.Completion.ConfigureAwait(false);
    }
}
