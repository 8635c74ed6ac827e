using System.Runtime.ExceptionServices;

namespace StreamJobs.Streams.Stages;

/// <summary>
/// Fan-in: several upstreams take turns pushing into one downstream through a gate, so each waits while
/// another's batch is being handled (backpressure per input). Completes when every input has completed,
/// fails as soon as one fails.
/// </summary>
internal sealed class MergeStage<T>
{
    private readonly IBatchConsumer<T> _downstream;
    private readonly GraphScope _scope;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _open;
    private Exception? _failure;
    private bool _completed;

    public MergeStage(IBatchConsumer<T> downstream, int inputs, GraphScope scope)
    {
        _downstream = downstream;
        _scope = scope;
        _open = inputs;
    }

    public IBatchConsumer<T> NewInput() => new Input(this);

    private async ValueTask PushAsync(Batch<T> batch)
    {
        await _gate.WaitAsync(_scope.Aborted).ConfigureAwait(false);
        try
        {
            if (_failure is not null) ExceptionDispatchInfo.Throw(_failure);
            await _downstream.OnNextAsync(batch).ConfigureAwait(false);
        }
        catch (Exception error) when (_failure is null)
        {
            _failure = error;
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask CompleteInputAsync(Exception? error)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_completed) return;
            if (error is null && --_open > 0) return;
            _completed = true;
            _failure ??= error;
            await _downstream.OnCompleteAsync(error).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed class Input(MergeStage<T> merge) : IBatchConsumer<T>
    {
        private int _completed;

        public ValueTask OnNextAsync(Batch<T> batch) => merge.PushAsync(batch);

        public ValueTask OnCompleteAsync(Exception? error) =>
            Interlocked.Exchange(ref _completed, 1) == 0 ? merge.CompleteInputAsync(error) : default;
    }
}
