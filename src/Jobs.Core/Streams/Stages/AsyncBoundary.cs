using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace StreamJobs.Streams.Stages;

/// <summary>
/// An explicit async boundary: batches are copied into pooled arrays and cross a bounded channel to a pump
/// on its own task, so the stages on either side run concurrently. A full channel makes upstream wait.
/// </summary>
internal sealed class AsyncBoundary<T> : IBatchConsumer<T>
{
    private readonly Channel<(T[] Items, int Count)> _channel;
    private readonly IBatchConsumer<T> _downstream;
    private readonly GraphScope _scope;
    private Exception? _downstreamFailure;

    public AsyncBoundary(IBatchConsumer<T> downstream, GraphScope scope, int capacity)
    {
        _downstream = downstream;
        _scope = scope;
        _channel = Channel.CreateBounded<(T[], int)>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        scope.Launch(PumpAsync);
    }

    public async ValueTask OnNextAsync(Batch<T> batch)
    {
        var items = ArrayPool<T>.Shared.Rent(batch.Count);
        batch.Span.CopyTo(items);
        try
        {
            await _channel.Writer.WriteAsync((items, batch.Count), _scope.Aborted).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            ArrayPool<T>.Shared.Return(items, clearArray: true);
            if (_downstreamFailure is not null) ExceptionDispatchInfo.Throw(_downstreamFailure);
            ExceptionDispatchInfo.Throw(error);
        }
    }

    public ValueTask OnCompleteAsync(Exception? error)
    {
        _channel.Writer.TryComplete(error);
        return default;
    }

    private async Task PumpAsync()
    {
        var reader = _channel.Reader;
        Exception? error = null;
        try
        {
            while (await reader.WaitToReadAsync(_scope.Aborted).ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    try
                    {
                        await _downstream.OnNextAsync(new Batch<T>(item.Items, item.Count)).ConfigureAwait(false);
                    }
                    finally
                    {
                        ArrayPool<T>.Shared.Return(item.Items, clearArray: true);
                    }
                }
            }
            await reader.Completion.ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            error = failure;
            _downstreamFailure = failure;
            _channel.Writer.TryComplete(failure);
            while (reader.TryRead(out var left)) ArrayPool<T>.Shared.Return(left.Items, clearArray: true);
        }
        await _downstream.OnCompleteAsync(error).ConfigureAwait(false);
    }
}
