using System.Diagnostics.Metrics;

namespace StreamJobs.Host.Flows;

/// <summary>
/// Flow ingest counters on the <c>StreamJobs.FlowIngest</c> meter. UDP cannot push back on a sender, so everything it
/// loses is counted here: malformed datagrams and records, and datagrams dropped because the queue was full.
/// </summary>
internal sealed class FlowIngestMetrics : IDisposable
{
    private readonly Meter _meter = new("StreamJobs.FlowIngest");
    private long _datagrams, _datagramsMalformed, _datagramsQueueFull, _udpRecords, _udpRecordsDropped, _udpRecordsQueueFull;
    private long _httpFlows, _httpFlowsRejected, _httpThrottled, _httpUndelivered, _events, _eventsRejected;

    public FlowIngestMetrics()
    {
        _meter.CreateObservableCounter("streamjobs.flowingest.datagrams", () => new[]
        {
            Measure(ref _datagrams, "received"),
            Measure(ref _datagramsMalformed, "malformed"),
            Measure(ref _datagramsQueueFull, "queue_full"),
        }, "{datagram}", "UDP flow datagrams, by outcome (malformed and queue_full are dropped).");
        _meter.CreateObservableCounter("streamjobs.flowingest.records", () => new[]
        {
            Measure(ref _udpRecords, "udp_accepted"),
            Measure(ref _udpRecordsDropped, "udp_malformed"),
            Measure(ref _udpRecordsQueueFull, "udp_queue_full"),
            Measure(ref _httpFlows, "http_accepted"),
            Measure(ref _httpFlowsRejected, "http_rejected"),
        }, "{flow}", "Flow records taken by ingest, by transport and outcome.");
        _meter.CreateObservableCounter("streamjobs.flowingest.http_throttled", () => Interlocked.Read(ref _httpThrottled), "{request}", "HTTP requests answered 429 because the queue was full.");
        _meter.CreateObservableCounter("streamjobs.flowingest.http_undelivered", () => Interlocked.Read(ref _httpUndelivered), "{request}",
            "HTTP requests answered 503 because Kafka did not acknowledge their records within DeliveryTimeout.");
        _meter.CreateObservableCounter("streamjobs.flowingest.ownership_events", () => new[]
        {
            Measure(ref _events, "accepted"),
            Measure(ref _eventsRejected, "rejected"),
        }, "{event}", "Ownership events posted, by outcome.");
    }

    public long Datagrams => Interlocked.Read(ref _datagrams);

    public long DatagramsMalformed => Interlocked.Read(ref _datagramsMalformed);

    public long DatagramsQueueFull => Interlocked.Read(ref _datagramsQueueFull);

    public long UdpRecords => Interlocked.Read(ref _udpRecords);

    public long UdpRecordsDropped => Interlocked.Read(ref _udpRecordsDropped);

    public long UdpRecordsQueueFull => Interlocked.Read(ref _udpRecordsQueueFull);

    public long HttpFlows => Interlocked.Read(ref _httpFlows);

    public long HttpFlowsRejected => Interlocked.Read(ref _httpFlowsRejected);

    public long HttpThrottled => Interlocked.Read(ref _httpThrottled);

    public long HttpUndelivered => Interlocked.Read(ref _httpUndelivered);

    public long Events => Interlocked.Read(ref _events);

    public long EventsRejected => Interlocked.Read(ref _eventsRejected);

    /// <summary>Adds the decoder's counts since the last call (the listener passes deltas).</summary>
    public void Udp(long datagrams, long malformedDatagrams, long records, long malformedRecords)
    {
        Interlocked.Add(ref _datagrams, datagrams);
        Interlocked.Add(ref _datagramsMalformed, malformedDatagrams);
        Interlocked.Add(ref _udpRecords, records);
        Interlocked.Add(ref _udpRecordsDropped, malformedRecords);
    }

    public void UdpQueueFull(int datagrams, int records)
    {
        Interlocked.Add(ref _datagramsQueueFull, datagrams);
        Interlocked.Add(ref _udpRecordsQueueFull, records);
        Interlocked.Add(ref _udpRecords, -records);
    }

    public void Http(int accepted, int rejected)
    {
        Interlocked.Add(ref _httpFlows, accepted);
        Interlocked.Add(ref _httpFlowsRejected, rejected);
    }

    public void Throttled() => Interlocked.Increment(ref _httpThrottled);

    public void Undelivered() => Interlocked.Increment(ref _httpUndelivered);

    public void OwnershipEvents(int accepted, int rejected)
    {
        Interlocked.Add(ref _events, accepted);
        Interlocked.Add(ref _eventsRejected, rejected);
    }

    public void Dispose() => _meter.Dispose();

    private static Measurement<long> Measure(ref long counter, string outcome) =>
        new(Interlocked.Read(ref counter), new KeyValuePair<string, object?>("outcome", outcome));
}
