using System.Collections.Concurrent;
using StreamJobs.Acknowledgement;

namespace StreamJobs.FlowEnricher.Tests.Support;

/// <summary>Records every completed position.</summary>
internal sealed class CountingReceiptTracker : IReceiptTracker
{
    private readonly ConcurrentQueue<long> _completed = new();

    public IReadOnlyCollection<long> Completed => _completed;

    public void Complete(long position) => _completed.Enqueue(position);
}
