using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using StreamJobs.Streams;

namespace StreamJobs.NamedStreams;

/// <summary>
/// A live, lossy view of a named stream. The publisher hands the tap a copy of each batch only if the tap has
/// room; otherwise the batch is dropped for this tap and counted, so a slow reader never slows the job.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class Tap<T> : IDisposable
{
    private readonly Channel<(T[] Items, int Count)> _channel;
    private readonly Action<Tap<T>> _close;
    private long _dropped;
    private long _delivered;

    internal Tap(int capacityBatches, Action<Tap<T>> close)
    {
        _channel = Channel.CreateBounded<(T[], int)>(new BoundedChannelOptions(capacityBatches)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _close = close;
    }

    /// <summary>Records lost because this tap's buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Records handed to this tap.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>The batches as they come; each is valid until the next is requested. Ends when the stream or the tap ends.</summary>
    public async IAsyncEnumerable<Batch<T>> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var item))
            {
                try
                {
                    yield return new Batch<T>(item.Items, item.Count);
                }
                finally
                {
                    ArrayPool<T>.Shared.Return(item.Items, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
                }
            }
        }
    }

    /// <summary>Closes the tap.</summary>
    public void Dispose()
    {
        _close(this);
        _channel.Writer.TryComplete();
        while (_channel.Reader.TryRead(out var item)) ArrayPool<T>.Shared.Return(item.Items);
    }

    internal long Offer(ReadOnlySpan<T> records)
    {
        var items = ArrayPool<T>.Shared.Rent(records.Length);
        records.CopyTo(items);
        if (_channel.Writer.TryWrite((items, records.Length)))
        {
            Interlocked.Add(ref _delivered, records.Length);
            return 0;
        }
        ArrayPool<T>.Shared.Return(items, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        Interlocked.Add(ref _dropped, records.Length);
        return records.Length;
    }

    internal void Complete() => _channel.Writer.TryComplete();
}
