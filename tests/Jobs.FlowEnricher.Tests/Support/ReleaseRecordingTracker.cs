using StreamJobs.Acknowledgement;

namespace StreamJobs.FlowEnricher.Tests.Support;

/// <summary>A partition's tracker that issues receipts in order and records which positions were released.</summary>
internal sealed class ReleaseRecordingTracker : IReceiptTracker
{
    private long _next;

    public HashSet<long> Released { get; } = [];

    public Receipt Issue() => new(this, _next++);

    public void Complete(long position)
    {
    }

    public void Release(long position) => Assert.True(Released.Add(position), $"position {position} was released twice");
}
