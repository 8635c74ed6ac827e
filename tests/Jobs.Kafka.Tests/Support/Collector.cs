using System.Collections.Concurrent;
using StreamJobs.Acknowledgement;
using StreamJobs.Streams;

namespace StreamJobs.Kafka.Tests.Support;

/// <summary>A sink that keeps what it receives and completes the receipts <see cref="CompleteWhen"/> allows.</summary>
public sealed class Collector<T>(Func<T, Receipt> receiptOf)
{
    private readonly ConcurrentQueue<T> _items = new();

    public Func<T, bool> CompleteWhen { get; init; } = _ => true;

    public int Count => _items.Count;

    public IReadOnlyList<T> Items => _items.ToArray();

    public Sink<T, Task> Sink() => Streams.Sink.ForEachBatch<T>((batch, _) =>
    {
        foreach (var item in batch)
        {
            _items.Enqueue(item);
            if (CompleteWhen(item)) receiptOf(item).Complete();
        }
        return default;
    });

    public async Task WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (Count < count && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(Count >= count, $"expected {count} records, got {Count}");
    }
}
