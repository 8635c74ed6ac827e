using System.Collections.Concurrent;
using StreamJobs.Acknowledgement;

namespace StreamJobs.Cassandra.Tests.Traces.Support;

/// <summary>A receipt tracker that hands out positions 0, 1, 2, … and records which were completed.</summary>
internal sealed class ReceiptProbe : IReceiptTracker
{
    private readonly ConcurrentDictionary<long, int> _completed = new();
    private long _next;

    public long Issued => Interlocked.Read(ref _next);

    public int Completed => _completed.Count;

    public Receipt Next() => new(this, Interlocked.Increment(ref _next) - 1);

    public void Complete(long position) => _completed.AddOrUpdate(position, 1, (_, n) => n + 1);

    /// <summary>Positions issued but never completed.</summary>
    public IEnumerable<long> Missing()
    {
        for (long p = 0; p < Issued; p++)
        {
            if (!_completed.ContainsKey(p))
            {
                yield return p;
            }
        }
    }
}
