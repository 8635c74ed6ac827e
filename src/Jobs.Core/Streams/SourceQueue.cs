using System.Buffers;
using System.Threading.Channels;

namespace StreamJobs.Streams;

/// <summary>
/// The materialized value of <see cref="Source.Queue{T}"/>: offer records into a running graph. The queue is
/// bounded; <see cref="TryOffer"/> refuses when it is full (answer 429 upstream), <see cref="OfferAsync(ReadOnlyMemory{T}, CancellationToken)"/> waits.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class SourceQueue<T>
{
    private readonly Channel<(T[] Items, int Count)> _channel;
    private volatile bool _closed;

    internal SourceQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _channel = Channel.CreateBounded<(T[], int)>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>How many offers may wait before the queue refuses or makes callers wait.</summary>
    public int Capacity { get; }

    /// <summary>Offers currently waiting to be taken by the stream.</summary>
    public int Pending => _channel.Reader.Count;

    /// <summary>
    /// True once <see cref="Complete"/> or <see cref="Fail"/> closed the queue to new offers (it may still be draining):
    /// tells a refused <see cref="TryOffer"/> that came from a close apart from one that came from a full queue.
    /// </summary>
    public bool IsClosed => _closed;

    /// <summary>Completes when the stream has taken the queue's end (after <see cref="Complete"/>, a failure, or a shutdown).</summary>
    public Task Completion => _channel.Reader.Completion;

    /// <summary>Offers <paramref name="records"/> as one unit if there is room; false when the queue is full or closed.</summary>
    public bool TryOffer(ReadOnlySpan<T> records)
    {
        if (records.IsEmpty) return true;
        var items = Rent(records);
        if (_channel.Writer.TryWrite((items, records.Length))) return true;
        ArrayPool<T>.Shared.Return(items, clearArray: true);
        return false;
    }

    /// <summary>Offers <paramref name="records"/>, waiting for room. Throws <see cref="ChannelClosedException"/> once the queue is closed.</summary>
    public async ValueTask OfferAsync(ReadOnlyMemory<T> records, CancellationToken cancellationToken = default)
    {
        if (records.IsEmpty) return;
        var items = Rent(records.Span);
        try
        {
            await _channel.Writer.WriteAsync((items, records.Length), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            ArrayPool<T>.Shared.Return(items, clearArray: true);
            throw;
        }
    }

    /// <summary>Offers one record, waiting for room.</summary>
    public ValueTask OfferAsync(T record, CancellationToken cancellationToken = default) =>
        OfferAsync(new[] { record }, cancellationToken);

    /// <summary>Ends the stream once everything offered so far has been taken.</summary>
    public void Complete()
    {
        _closed = true;
        _channel.Writer.TryComplete();
    }

    /// <summary>Fails the stream with <paramref name="error"/>.</summary>
    public void Fail(Exception error)
    {
        _closed = true;
        _channel.Writer.TryComplete(error);
    }

    internal ChannelReader<(T[] Items, int Count)> Reader => _channel.Reader;

    private static T[] Rent(ReadOnlySpan<T> records)
    {
        var items = ArrayPool<T>.Shared.Rent(records.Length);
        records.CopyTo(items);
        return items;
    }
}
