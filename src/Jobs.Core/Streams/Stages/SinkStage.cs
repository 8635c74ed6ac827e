using System.Runtime.ExceptionServices;
using StreamJobs.Metrics;

namespace StreamJobs.Streams.Stages;

/// <summary>
/// The end of a graph: hands each batch to a handler and turns the stream's end into the task the sink
/// materializes to (and the graph's completion).
/// </summary>
internal sealed class SinkStage<T> : IBatchConsumer<T>
{
    private readonly Func<Batch<T>, CancellationToken, ValueTask> _handler;
    private readonly Func<ValueTask>? _onComplete;
    private readonly GraphScope _scope;
    private readonly StageMetrics _metrics;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _completed;

    public SinkStage(Func<Batch<T>, CancellationToken, ValueTask> handler, Func<ValueTask>? onComplete, GraphScope scope, Attributes attributes, string defaultName)
    {
        _handler = handler;
        _onComplete = onComplete;
        _scope = scope;
        _metrics = scope.Stage(attributes, defaultName, StageKind.Sink);
        scope.TrackSink(_completion.Task);
    }

    public StageMetrics Metrics => _metrics;

    public Task Completion => _completion.Task;

    public ValueTask OnNextAsync(Batch<T> batch)
    {
        _metrics.AddIn(batch.Count);
        ValueTask handled;
        try
        {
            handled = _handler(batch, _scope.Aborted);
        }
        catch (Exception error)
        {
            return FailAsync(error);
        }
        return handled.IsCompletedSuccessfully ? default : AwaitAsync(handled);
    }

    public async ValueTask OnCompleteAsync(Exception? error)
    {
        if (Interlocked.Exchange(ref _completed, 1) == 1) return;
        if (error is null && _onComplete is not null)
        {
            try
            {
                await _onComplete().ConfigureAwait(false);
            }
            catch (Exception completionError)
            {
                error = completionError;
            }
        }
        if (error is null) _completion.TrySetResult();
        else _completion.TrySetException(error);
    }

    private async ValueTask AwaitAsync(ValueTask handled)
    {
        try
        {
            await handled.ConfigureAwait(false);
        }
        catch (Exception error)
        {
            await FailAsync(error).ConfigureAwait(false);
        }
    }

    private async ValueTask FailAsync(Exception error)
    {
        await OnCompleteAsync(error).ConfigureAwait(false);
        ExceptionDispatchInfo.Throw(error);
    }
}
