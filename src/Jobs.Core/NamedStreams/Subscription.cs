using System.Threading.Channels;
using StreamJobs.Streams;

namespace StreamJobs.NamedStreams;

/// <summary>
/// A job's backpressuring subscription to a named stream: a bounded channel of the published batches. Batches are
/// shared, not copied: the engine never changes a batch after pushing it.
/// </summary>
internal sealed class Subscription<T>(int capacityBatches, bool completesReceipts)
{
    /// <summary>True when the subscriber completes the receipts of what it receives (it is one of the records' holders).</summary>
    public bool CompletesReceipts { get; } = completesReceipts;

    private readonly Channel<Batch<T>> _channel =
        Channel.CreateBounded<Batch<T>>(new BoundedChannelOptions(capacityBatches) { SingleReader = true });

    public ChannelReader<Batch<T>> Reader => _channel.Reader;

    /// <summary>Waits for room: this wait is the subscriber's backpressure. A subscriber that has gone is skipped.</summary>
    public ValueTask WriteAsync(Batch<T> batch, CancellationToken cancellationToken)
    {
        if (_channel.Writer.TryWrite(batch)) return default;
        return AwaitAsync(_channel.Writer.WriteAsync(batch, cancellationToken));
    }

    private static async ValueTask AwaitAsync(ValueTask write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The subscriber has gone; publishing goes on for the others.
        }
    }

    public void Complete(Exception? error) => _channel.Writer.TryComplete(error);

    public void Close()
    {
        _channel.Writer.TryComplete();
        while (_channel.Reader.TryRead(out _))
        {
        }
    }
}
