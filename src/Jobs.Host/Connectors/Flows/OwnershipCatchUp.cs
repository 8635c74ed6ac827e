using StreamJobs.FlowEnricher;

namespace StreamJobs.Host.Connectors.Flows;

/// <summary>
/// Joins the ownership topic reader and the enricher: the reader reports how many events it had emitted when it
/// caught up with the topic, the enricher holds flows until it has seen that many events on its ownership input. So a
/// replica that starts (or restarts) attributes nothing before it knows the whole shared ownership history.
/// </summary>
internal sealed class OwnershipCatchUp : IOwnershipCatchUp
{
    private long _target = -1;

    /// <summary>True once the reader caught up (whatever the enricher has seen).</summary>
    public bool ReaderCaughtUp => Volatile.Read(ref _target) >= 0;

    public void Track(Task<long> caughtUp) =>
        caughtUp.ContinueWith(static (task, state) =>
        {
            if (task.IsCompletedSuccessfully) Volatile.Write(ref ((OwnershipCatchUp)state!)._target, task.Result);
        }, this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    public bool IsCaughtUp(long eventsSeen)
    {
        long target = Volatile.Read(ref _target);
        return target >= 0 && eventsSeen >= target;
    }
}
