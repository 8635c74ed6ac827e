using StreamJobs.Acknowledgement;

namespace StreamJobs.Host.Ingest;

/// <summary>
/// One ingest request's claim on its spans: each span carries a receipt of it, the Kafka sink completes them as the
/// broker acknowledges, and <see cref="Delivered"/> completes with the last one, so the request can answer success
/// only once Kafka holds every span.
/// </summary>
internal sealed class DeliveryReceipt : IReceiptTracker
{
    private readonly TaskCompletionSource _delivered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _left;

    public DeliveryReceipt(int spans)
    {
        _left = spans;
        if (spans == 0) _delivered.TrySetResult();
    }

    /// <summary>Completes once every span was acknowledged (or dead-lettered for good by the sink).</summary>
    public Task Delivered => _delivered.Task;

    public void Complete(long position)
    {
        if (Interlocked.Decrement(ref _left) == 0) _delivered.TrySetResult();
    }
}
