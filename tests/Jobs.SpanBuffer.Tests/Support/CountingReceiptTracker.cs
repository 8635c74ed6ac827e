using System.Collections.Concurrent;
using StreamJobs.Acknowledgement;

namespace StreamJobs.SpanBuffer.Tests.Support;

/// <summary>Records which positions were completed or released, so a test can tell dropped records were finished with.</summary>
internal sealed class CountingReceiptTracker : IReceiptTracker
{
    private readonly ConcurrentDictionary<long, int> _completed = new();
    private readonly ConcurrentDictionary<long, int> _released = new();

    public Receipt Issue(long position) => new(this, position);

    public IReadOnlyCollection<long> Completed => _completed.Keys.Order().ToArray();

    public int Completions => _completed.Values.Sum();

    public IReadOnlyCollection<long> Released => _released.Keys.Order().ToArray();

    public void Complete(long position) => _completed.AddOrUpdate(position, 1, (_, n) => n + 1);

    public void Release(long position) => _released.AddOrUpdate(position, 1, (_, n) => n + 1);
}
