using System.Collections.Concurrent;
using StreamJobs.Acknowledgement;

namespace StreamJobs.EndToEnd.Tests.Support;

/// <summary>Records which positions were completed, so a test can tell records were finished with.</summary>
internal sealed class CountingReceiptTracker : IReceiptTracker
{
    private readonly ConcurrentDictionary<long, int> _completed = new();

    public Receipt Issue(long position) => new(this, position);

    public IReadOnlyCollection<long> Completed => _completed.Keys.Order().ToArray();

    public void Complete(long position) => _completed.AddOrUpdate(position, 1, (_, n) => n + 1);
}
