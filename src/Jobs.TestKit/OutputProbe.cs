using System.Collections.Concurrent;

namespace StreamJobs.TestKit;

/// <summary>Collects what a job publishes on one named stream.</summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class OutputProbe<T>
{
    private readonly ConcurrentQueue<T> _records = new();

    internal OutputProbe(string stream) => Stream = stream;

    /// <summary>The stream watched.</summary>
    public string Stream { get; }

    /// <summary>Everything received so far, in order.</summary>
    public IReadOnlyList<T> Records => _records.ToArray();

    /// <summary>Waits until at least <paramref name="count"/> records have arrived (default timeout 10 s) and returns them all.</summary>
    public async Task<IReadOnlyList<T>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (_records.Count < count)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Stream '{Stream}' produced {_records.Count} record(s); expected at least {count}.");
            await Task.Delay(5).ConfigureAwait(false);
        }
        return Records;
    }

    internal void Add(T record) => _records.Enqueue(record);
}
