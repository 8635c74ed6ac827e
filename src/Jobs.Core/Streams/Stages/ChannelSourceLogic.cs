using System.Threading.Channels;
using Akka.Streams;
using Akka.Streams.Stage;
using StreamJobs.Metrics;

namespace StreamJobs.Streams.Stages;

/// <summary>
/// The logic of a source fed by a channel: on demand it pushes what <see cref="Take"/> finds, otherwise it waits for the
/// channel through an async callback; it completes or fails with the channel.
/// </summary>
internal abstract class ChannelSourceLogic<T, TItem> : GraphStageLogic
{
    private readonly ChannelReader<TItem> _reader;
    private readonly Outlet<Batch<T>> _out;
    private readonly StageMetrics _metrics;
    private Action<bool>? _readable;
    private bool _waiting;

    protected ChannelSourceLogic(SourceShape<Batch<T>> shape, ChannelReader<TItem> reader, StageMetrics metrics) : base(shape)
    {
        _reader = reader;
        _out = shape.Outlet;
        _metrics = metrics;
        SetHandler(_out, onPull: TryPush, onDownstreamFinish: _ => CompleteStage());
    }

    public override void PreStart() => _readable = GetAsyncCallback<bool>(OnReadable);

    /// <summary>The next batch from what the channel holds now; empty when it holds nothing.</summary>
    protected abstract Batch<T> Take();

    private void TryPush()
    {
        var batch = Take();
        if (batch.Count > 0)
        {
            _metrics.AddOut(batch.Count);
            Push(_out, batch);
            return;
        }
        if (_waiting) return;
        _waiting = true;
        var wait = _reader.WaitToReadAsync();
        if (wait.IsCompletedSuccessfully)
        {
            OnReadable(wait.Result);
            return;
        }
        wait.AsTask().ContinueWith(static (task, state) => ((Action<bool>)state!)(task.IsCompletedSuccessfully && task.Result),
            _readable!, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void OnReadable(bool more)
    {
        _waiting = false;
        if (more)
        {
            if (IsAvailable(_out)) TryPush();
            return;
        }
        var completion = _reader.Completion;
        if (completion.IsFaulted) FailStage(completion.Exception!.GetBaseException());
        else CompleteStage();
    }
}
