using StreamJobs.Streams;

namespace StreamJobs.Host.Ingest;

/// <summary>
/// Offers one request's records to an ingest queue and says why a refusal happened. A refused offer is "full" only
/// while the queue is full and "not running" only once it is closed; a refusal followed by room (the stream drained
/// between the offer and the look) is offered again, so a running job is never reported as not running.
/// </summary>
internal static class QueueOffer
{
    /// <summary>Offers made before a queue that keeps refusing while showing room is answered as full (retry later).</summary>
    public const int Attempts = 4;

    /// <param name="queue">The job's queue; null when the job is not built (not running).</param>
    /// <param name="records">One request's records, offered as one unit.</param>
    /// <param name="afterRefusal">Runs after each refused offer, before the queue is looked at (lets a test drain it there).</param>
    public static OfferResult Offer<T>(SourceQueue<T>? queue, ReadOnlySpan<T> records, Action? afterRefusal = null)
    {
        if (queue is null) return OfferResult.NotRunning;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (queue.TryOffer(records)) return OfferResult.Accepted;
            afterRefusal?.Invoke();
            if (queue.IsClosed) return OfferResult.NotRunning;
            if (queue.Pending >= queue.Capacity) return OfferResult.Full;
            // Refused while open and with room: it drained after the offer; offer again.
        }
        return OfferResult.Full;
    }
}
