using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace StreamJobs.NamedStreams;

/// <summary>A job's backpressuring subscription to a named stream: a bounded channel of batch copies.</summary>
internal sealed class Subscription<T>(int capacityBatches, bool completesReceipts)
{
    /// <summary>True when the subscriber completes the receipts of what it receives (it is one of the records' holders).</summary>
    public bool CompletesReceipts { get; } = completesReceipts;

    private readonly Channel<(T[] Items, int Count)> _channel =
        Channel.CreateBounded<(T[], int)>(new BoundedChannelOptions(capacityBatches) { SingleReader = true });

    public ChannelReader<(T[] Items, int Count)> Reader => _channel.Reader;

    /// <summary>Copies <paramref name="records"/> and waits for room: this wait is the subscriber's backpressure.</summary>
    public ValueTask WriteAsync(ReadOnlySpan<T> records, CancellationToken cancellationToken)
    {
        var items = ArrayPool<T>.Shared.Rent(records.Length);
        records.CopyTo(items);
        var write = _channel.Writer.WriteAsync((items, records.Length), cancellationToken);
        return write.IsCompletedSuccessfully ? default : AwaitAsync(write, items);
    }

    private static async ValueTask AwaitAsync(ValueTask write, T[] items)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            Return(items); // the subscriber has gone; publishing goes on for the others
        }
        catch
        {
            Return(items);
            throw;
        }
    }

    public void Complete(Exception? error) => _channel.Writer.TryComplete(error);

    public void Close()
    {
        _channel.Writer.TryComplete();
        while (_channel.Reader.TryRead(out var item)) Return(item.Items);
    }

    public static void Return(T[] items) => ArrayPool<T>.Shared.Return(items, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
}
