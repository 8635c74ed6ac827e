using StreamJobs.Acknowledgement;

namespace StreamJobs.Host.Ingest;

/// <summary>
/// One ingest request's claim on its records (spans, flows, ownership events): each record carries a receipt of it,
/// the Kafka sink completes them as the broker acknowledges, and <see cref="Delivered"/> completes with the last one,
/// so the request can answer success only once Kafka holds every record.
/// </summary>
internal sealed class DeliveryReceipt : IReceiptTracker
{
    private readonly TaskCompletionSource _delivered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _left;

    public DeliveryReceipt(int records)
    {
        _left = records;
        if (records == 0) _delivered.TrySetResult();
    }

    /// <summary>Completes once every record was acknowledged (or dead-lettered for good by the sink).</summary>
    public Task Delivered => _delivered.Task;

    /// <summary>
    /// Gives every record of one request a receipt of a new <see cref="DeliveryReceipt"/> (through
    /// <paramref name="withReceipt"/>, which returns the record carrying it) and returns its <see cref="Delivered"/>.
    /// </summary>
    public static Task Issue<T>(Span<T> records, Func<T, Receipt, T> withReceipt)
    {
        var request = new DeliveryReceipt(records.Length);
        for (var i = 0; i < records.Length; i++) records[i] = withReceipt(records[i], new Receipt(request, i));
        return request.Delivered;
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for <paramref name="delivered"/> (from a gate's offer); true at once when
    /// there is nothing to wait for (ingest without Kafka), false when the broker did not acknowledge in time.
    /// </summary>
    public static async Task<bool> WaitAsync(Task? delivered, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (delivered is null) return true;
        try
        {
            await delivered.WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Complete(long position)
    {
        if (Interlocked.Decrement(ref _left) == 0) _delivered.TrySetResult();
    }

    /// <summary>Another subscriber also writes the records somewhere: the request waits for its completions too.</summary>
    public void Retain(long position, int count) => Interlocked.Add(ref _left, count);
}
