using System.Runtime.ExceptionServices;
using StreamJobs.Metrics;

namespace StreamJobs.Streams.Stages;

/// <summary>
/// A fused, stateless stage: applies its operator to every record of a batch in one tight loop and pushes
/// the result downstream on the caller's task. The try/catch sits outside the loop, so supervision costs
/// nothing until a record actually throws.
/// </summary>
internal sealed class RecordStage<TIn, TOut, TOperator> : IBatchConsumer<TIn>
    where TOperator : struct, IRecordOperator<TIn, TOut>
{
    private readonly TOperator _operator;
    private readonly IBatchConsumer<TOut> _downstream;
    private readonly GraphScope _scope;
    private readonly StageMetrics _metrics;
    private readonly SupervisionStrategy _supervision;
    private TOut[] _buffer = [];
    private int _consecutiveRestarts;
    private int _completed;

    public RecordStage(TOperator @operator, IBatchConsumer<TOut> downstream, GraphScope scope, Attributes attributes, string defaultName)
    {
        _operator = @operator;
        _downstream = downstream;
        _scope = scope;
        _metrics = scope.Stage(attributes, defaultName);
        _supervision = scope.SupervisionOf(attributes);
    }

    public ValueTask OnNextAsync(Batch<TIn> batch)
    {
        _metrics.AddIn(batch.Count);
        int produced, restarts;
        try
        {
            produced = Process(batch.Span, out restarts);
        }
        catch (Exception error)
        {
            return FailAsync(error);
        }
        if (restarts > 0) return BackOffThenPushAsync(produced, restarts);
        _consecutiveRestarts = 0;
        return Push(produced);
    }

    public ValueTask OnCompleteAsync(Exception? error) =>
        Interlocked.Exchange(ref _completed, 1) == 0 ? _downstream.OnCompleteAsync(error) : default;

    private int Process(ReadOnlySpan<TIn> input, out int restarts)
    {
        if (_buffer.Length < input.Length) _buffer = new TOut[input.Length];
        var output = _buffer;
        var produced = 0;
        var i = 0;
        restarts = 0;
        while (true)
        {
            try
            {
                for (; i < input.Length; i++)
                {
                    if (_operator.Apply(input[i], out output[produced])) produced++;
                }
                return produced;
            }
            catch (Exception error) when (i < input.Length)
            {
                var directive = Decide(error);
                if (directive == Directive.Stop) ExceptionDispatchInfo.Throw(error);
                _scope.PublishDeadLetter(_metrics, input[i], error);
                if (directive == Directive.Restart) restarts++;
                i++;
            }
        }
    }

    private Directive Decide(Exception error)
    {
        try
        {
            return _supervision.Decide(error);
        }
        catch
        {
            return Directive.Stop;
        }
    }

    private ValueTask Push(int produced)
    {
        if (produced == 0) return default;
        _metrics.AddOut(produced);
        return _downstream.OnNextAsync(new Batch<TOut>(_buffer, produced));
    }

    private async ValueTask BackOffThenPushAsync(int produced, int restarts)
    {
        _consecutiveRestarts += restarts;
        await Task.Delay(_supervision.BackoffFor(_consecutiveRestarts), _scope.Settings.Time, _scope.Aborted).ConfigureAwait(false);
        await Push(produced).ConfigureAwait(false);
    }

    private async ValueTask FailAsync(Exception error)
    {
        if (Interlocked.Exchange(ref _completed, 1) == 0) await _downstream.OnCompleteAsync(error).ConfigureAwait(false);
        ExceptionDispatchInfo.Throw(error);
    }
}
