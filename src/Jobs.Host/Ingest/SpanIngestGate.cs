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
    private volatile bool _awaitsDelivery;

    public IngestMetrics Metrics { get; } = metrics;

    public SpanIngestParameters Limits => _limits;

    public void Attach(SourceQueue<Span> queue, SpanIngestParameters limits, bool awaitsDelivery)
    {
        _limits = limits;
        _awaitsDelivery = awaitsDelivery;
        _queue = queue;
    }

    /// <summary>
    /// Offers one request's spans without waiting. When ingest goes through Kafka, <paramref name="delivered"/>
    /// completes once the broker acknowledged every span (the request answers only then); otherwise it is null.
    /// </summary>
    public OfferResult TryOffer(Span<Span> spans, out Task? delivered)
    {
        delivered = null;
        var queue = _queue;
        if (queue is null) return OfferResult.NotRunning;
        if (_awaitsDelivery)
        {
            delivered = DeliveryReceipt.Issue(spans, static (span, receipt) =>
            {
                span.Receipt = receipt;
                return span;
            });
        }
        var result = QueueOffer.Offer(queue, (ReadOnlySpan<Span>)spans);
        if (result != OfferResult.Accepted) delivered = null;
        return result;
    }
}
