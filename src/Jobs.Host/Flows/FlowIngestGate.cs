using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Host.Ingest;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.Host.Flows;

/// <summary>
/// Where the UDP listener and the HTTP endpoints find the running flow ingest job's queues: a singleton the job fills
/// when it is built. Before that (or with the job disabled) offers answer <see cref="OfferResult.NotRunning"/>.
/// </summary>
internal sealed class FlowIngestGate(FlowIngestMetrics metrics)
{
    private volatile SourceQueue<FlowRecord>? _flows;
    private volatile SourceQueue<OwnershipEvent>? _events;
    private volatile FlowIngestParameters _limits = new();
    private volatile bool _awaitsDelivery;

    public FlowIngestMetrics Metrics { get; } = metrics;

    public FlowIngestParameters Limits => _limits;

    /// <param name="flows">The flows queue.</param>
    /// <param name="limits">The job's parameters.</param>
    /// <param name="awaitsDelivery">True when ingest goes through Kafka: HTTP requests then wait for the broker.</param>
    public void Attach(SourceQueue<FlowRecord> flows, FlowIngestParameters limits, bool awaitsDelivery)
    {
        _limits = limits;
        _awaitsDelivery = awaitsDelivery;
        _flows = flows;
    }

    public void Attach(SourceQueue<OwnershipEvent> events) => _events = events;

    /// <summary>Offers one batch of flows without waiting and without tracking them (UDP: the sender cannot be told).</summary>
    public OfferResult TryOffer(ReadOnlySpan<FlowRecord> flows) => QueueOffer.Offer(_flows, flows);

    /// <summary>
    /// Offers one request's flows without waiting. When ingest goes through Kafka, <paramref name="delivered"/>
    /// completes once the broker acknowledged every flow (the request answers only then); otherwise it is null.
    /// </summary>
    public OfferResult TryOffer(Span<FlowRecord> flows, out Task? delivered)
    {
        delivered = _awaitsDelivery ? DeliveryReceipt.Issue(flows, static (flow, receipt) => flow with { Receipt = receipt }) : null;
        return Settle(QueueOffer.Offer<FlowRecord>(_flows, flows), ref delivered);
    }

    /// <summary>Offers one request's ownership events; <paramref name="delivered"/> as for flows.</summary>
    public OfferResult TryOffer(Span<OwnershipEvent> events, out Task? delivered)
    {
        delivered = _awaitsDelivery ? DeliveryReceipt.Issue(events, static (ownershipEvent, receipt) => ownershipEvent with { Receipt = receipt }) : null;
        return Settle(QueueOffer.Offer<OwnershipEvent>(_events, events), ref delivered);
    }

    private static OfferResult Settle(OfferResult result, ref Task? delivered)
    {
        if (result != OfferResult.Accepted) delivered = null;
        return result;
    }
}
