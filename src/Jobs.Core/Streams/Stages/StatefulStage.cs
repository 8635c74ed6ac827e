using System.Runtime.ExceptionServices;
using StreamJobs.Metrics;

namespace StreamJobs.Streams.Stages;

/// <summary>
/// Runs a <see cref="StageLogic{TIn,TOut}"/>: records and timer ticks are serialized through one gate, and
/// whatever the logic emitted is pushed downstream (in engine-sized batches) before the gate opens again,
/// which keeps backpressure intact for timer-driven output too.
/// </summary>
internal sealed class StatefulStage<TIn, TOut> : IBatchConsumer<TIn>
{
    private readonly Func<StageLogic<TIn, TOut>> _factory;
    private readonly IBatchConsumer<TOut> _downstream;
    private readonly GraphScope _scope;
    private readonly StageMetrics _metrics;
    private readonly SupervisionStrategy _supervision;
    private readonly StageContext _context;
    private readonly Emitter<TOut> _emitter;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ITimer? _timer;
    private StageLogic<TIn, TOut> _logic;
    private Exception? _failure;
    private bool _completed;
    private int _tickRunning;
    private int _consecutiveRestarts;

    public StatefulStage(Func<StageLogic<TIn, TOut>> factory, IBatchConsumer<TOut> downstream, GraphScope scope, Attributes attributes, string defaultName)
    {
        _factory = factory;
        _downstream = downstream;
        _scope = scope;
        _metrics = scope.Stage(attributes, defaultName);
        _supervision = scope.SupervisionOf(attributes);
        _context = new StageContext(scope.Name, _metrics, scope.Settings.Time, scope.Logger, scope.Settings.BatchSize);
        _emitter = new Emitter<TOut>(scope.Settings.BatchSize);
        _logic = CreateLogic();
        if (_logic.TimerInterval is { } interval)
        {
            if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(factory), interval, "A stage's TimerInterval must be positive.");
            _timer = scope.Settings.Time.CreateTimer(static state => ((StatefulStage<TIn, TOut>)state!).OnTimerFired(), this, interval, interval);
        }
    }

    public async ValueTask OnNextAsync(Batch<TIn> batch)
    {
        await _gate.WaitAsync(_scope.Aborted).ConfigureAwait(false);
        try
        {
            if (_failure is not null) ExceptionDispatchInfo.Throw(_failure);
            _metrics.AddIn(batch.Count);
            var restarts = Process(batch);
            if (restarts > 0)
            {
                _consecutiveRestarts += restarts;
                await Task.Delay(_supervision.BackoffFor(_consecutiveRestarts), _scope.Settings.Time, _scope.Aborted).ConfigureAwait(false);
            }
            else
            {
                _consecutiveRestarts = 0;
            }
            await FlushAsync().ConfigureAwait(false);
        }
        catch (Exception error) when (_failure is null)
        {
            await FailAsync(error).ConfigureAwait(false);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask OnCompleteAsync(Exception? error)
    {
        try
        {
            await _gate.WaitAsync(error is null ? _scope.Aborted : CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException cancelled)
        {
            error = cancelled;
            await _gate.WaitAsync().ConfigureAwait(false);
        }
        try
        {
            if (_completed) return;
            _completed = true;
            _timer?.Dispose();
            if (error is null)
            {
                try
                {
                    _logic.OnUpstreamFinish(_emitter);
                    await FlushAsync().ConfigureAwait(false);
                }
                catch (Exception flushError)
                {
                    error = flushError;
                }
            }
            await _downstream.OnCompleteAsync(error).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private int Process(Batch<TIn> batch)
    {
        var records = batch.Span;
        var restarts = 0;
        var i = 0;
        while (true)
        {
            try
            {
                for (; i < records.Length; i++) _logic.OnRecord(records[i], _emitter);
                return restarts;
            }
            catch (Exception error) when (i < records.Length)
            {
                if (Supervise(records[i], error)) restarts++;
                i++;
            }
        }
    }

    /// <summary>Dead-letters <paramref name="record"/> or rethrows under Stop; true when the logic was restarted.</summary>
    private bool Supervise(object? record, Exception error)
    {
        Directive directive;
        try
        {
            directive = _supervision.Decide(error);
        }
        catch
        {
            directive = Directive.Stop;
        }
        if (directive == Directive.Stop) ExceptionDispatchInfo.Throw(error);
        _scope.PublishDeadLetter(_metrics, record, error);
        if (directive != Directive.Restart) return false;
        _logic = CreateLogic();
        return true;
    }

    private async ValueTask FlushAsync()
    {
        var pending = _emitter.Count;
        if (pending == 0) return;
        var buffer = _emitter.Buffer;
        var size = _scope.Settings.BatchSize;
        try
        {
            for (var offset = 0; offset < pending; offset += size)
            {
                var count = Math.Min(size, pending - offset);
                _metrics.AddOut(count);
                await _downstream.OnNextAsync(new Batch<TOut>(buffer, offset, count)).ConfigureAwait(false);
            }
        }
        finally
        {
            _emitter.Clear();
        }
    }

    private void OnTimerFired()
    {
        if (Interlocked.Exchange(ref _tickRunning, 1) == 1) return;
        _ = TickAsync();
    }

    private async Task TickAsync()
    {
        try
        {
            await _gate.WaitAsync(_scope.Aborted).ConfigureAwait(false);
            try
            {
                if (_completed || _failure is not null) return;
                try
                {
                    _logic.OnTimer(_scope.Settings.Time.GetUtcNow(), _emitter);
                }
                catch (Exception error)
                {
                    Supervise(null, error);
                }
                await FlushAsync().ConfigureAwait(false);
            }
            catch (Exception error)
            {
                await FailAsync(error).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (OperationCanceledException)
        {
            // Aborted: the graph is going away.
        }
        finally
        {
            Volatile.Write(ref _tickRunning, 0);
        }
    }

    private async ValueTask FailAsync(Exception error)
    {
        _failure = error;
        _timer?.Dispose();
        if (_completed) return;
        _completed = true;
        await _downstream.OnCompleteAsync(error).ConfigureAwait(false);
    }

    private StageLogic<TIn, TOut> CreateLogic()
    {
        var logic = _factory() ?? throw new InvalidOperationException("A stage logic factory returned null.");
        logic.Start(_context);
        return logic;
    }
}
