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

    public FlowIngestMetrics Metrics { get; } = metrics;

    public FlowIngestParameters Limits => _limits;

    public void Attach(SourceQueue<FlowRecord> flows, FlowIngestParameters limits)
    {
        _limits = limits;
        _flows = flows;
    }

    public void Attach(SourceQueue<OwnershipEvent> events) => _events = events;

    /// <summary>Offers one batch of flows without waiting.</summary>
    public OfferResult TryOffer(ReadOnlySpan<FlowRecord> flows) => Offer(_flows, flows);

    /// <summary>Offers one batch of ownership events without waiting.</summary>
    public OfferResult TryOffer(ReadOnlySpan<OwnershipEvent> events) => Offer(_events, events);

    private static OfferResult Offer<T>(SourceQueue<T>? queue, ReadOnlySpan<T> records)
    {
        if (queue is null)
        {
            return OfferResult.NotRunning;
        }

        if (queue.TryOffer(records))
        {
            return OfferResult.Accepted;
        }

        // TryOffer refuses both when full and when closed by a shutdown; only the first is worth a retry soon.
        return queue.Pending >= queue.Capacity ? OfferResult.Full : OfferResult.NotRunning;
    }
}
