namespace StreamJobs.FlowEnricher.Tests.Support;

/// <summary>A catch-up gate whose target (events to see; negative: the reader has not caught up) the test sets.</summary>
internal sealed class SettableCatchUp : IOwnershipCatchUp
{
    private long _target = -1;

    public long Target
    {
        get => Volatile.Read(ref _target);
        set => Volatile.Write(ref _target, value);
    }

    public bool IsCaughtUp(long eventsSeen) => Target >= 0 && eventsSeen >= Target;
}
