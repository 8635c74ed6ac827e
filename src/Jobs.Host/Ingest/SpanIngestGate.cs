using StreamJobs.Streams;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Host.Ingest;

/// <summary>
/// Where the ingest endpoints find the running ingest job's queue: a DI singleton the job fills when it is built.
/// Before that (or with the job disabled) the endpoints answer 503.
/// </summary>
internal sealed class SpanIngestGate(IngestMetrics metrics)
{
    private volatile SourceQueue<Span>? _queue;
    private volatile SpanIngestParameters _limits = new();

    public IngestMetrics Metrics { get; } = metrics;

    public SpanIngestParameters Limits => _limits;

    public void Attach(SourceQueue<Span> queue, SpanIngestParameters limits)
    {
        _limits = limits;
        _queue = queue;
    }

    /// <summary>Offers one request's spans without waiting.</summary>
    public OfferResult TryOffer(ReadOnlySpan<Span> spans)
    {
        var queue = _queue;
        if (queue is null) return OfferResult.NotRunning;
        if (queue.TryOffer(spans)) return OfferResult.Accepted;
        // TryOffer refuses both when full and when closed by a shutdown; only the first is worth a retry soon.
        return queue.Pending >= queue.Capacity ? OfferResult.Full : OfferResult.NotRunning;
    }
}
