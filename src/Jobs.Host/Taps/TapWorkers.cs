using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace StreamJobs.Host.Taps;

/// <summary>
/// The few dedicated, low-priority threads every tap query runs on. Tap evaluation (regexes included) never runs on
/// the thread pool the jobs need, and the operating system gives these threads CPU only when the jobs leave some.
/// Continuations of <see cref="RunAsync{T}"/> run on the thread pool, never on a worker.
/// </summary>
internal sealed class TapWorkers : IDisposable
{
    private readonly BlockingCollection<WorkItem> _queue = new(new ConcurrentQueue<WorkItem>());
    private readonly Thread[] _threads;

    public TapWorkers(IOptions<TapOptions> options)
        : this(options.Value.Workers)
    {
    }

    public TapWorkers(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            _threads[i] = new Thread(Run) { IsBackground = true, Name = $"tap-worker-{i}", Priority = ThreadPriority.Lowest };
            _threads[i].Start();
        }
    }

    /// <summary>Runs <paramref name="work"/> on a worker, after the work queued before it (taps take turns).</summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        var item = new WorkItem<T>(work);
        try
        {
            _queue.Add(item);
        }
        catch (InvalidOperationException)
        {
            return Task.FromException<T>(new ObjectDisposedException(nameof(TapWorkers)));
        }
        return item.Task;
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads) thread.Join(TimeSpan.FromSeconds(1));
    }

    private void Run()
    {
        LowPriorityThread.Lower(); // best effort: where the OS refuses, the CPU budget still bounds each tap
        foreach (var item in _queue.GetConsumingEnumerable()) item.Execute();
    }

    private abstract class WorkItem
    {
        public abstract void Execute();
    }

    private sealed class WorkItem<T>(Func<T> work) : WorkItem
    {
        // Continuations go to the thread pool: a worker only ever evaluates.
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Task => _done.Task;

        public override void Execute()
        {
            try
            {
                _done.SetResult(work());
            }
            catch (Exception error)
            {
                _done.SetException(error);
            }
        }
    }
}
