using System.Diagnostics.Metrics;

namespace StreamJobs.Host.Ingest;

/// <summary>
/// Ingest counters on the <c>StreamJobs.Ingest</c> meter: requests by protocol and status code, spans accepted and
/// rejected, and ingest requests whose B3 headers could not be read.
/// </summary>
internal sealed class IngestMetrics : IDisposable
{
    private readonly Meter _meter = new("StreamJobs.Ingest");
    private readonly Counter<long> _requests;
    private readonly Counter<long> _spans;
    private long _accepted, _rejected, _throttled, _malformed, _badB3;

    public IngestMetrics()
    {
        _requests = _meter.CreateCounter<long>("streamjobs.ingest.requests", "{request}", "Ingest requests, by protocol and status code.");
        _spans = _meter.CreateCounter<long>("streamjobs.ingest.spans", "{span}", "Spans received, by protocol and outcome (accepted, rejected).");
        _meter.CreateObservableCounter("streamjobs.ingest.b3_invalid", () => BadB3, "{request}", "Ingest requests with unreadable B3 headers (the body is still taken).");
    }

    public long SpansAccepted => Interlocked.Read(ref _accepted);

    public long SpansRejected => Interlocked.Read(ref _rejected);

    public long Throttled => Interlocked.Read(ref _throttled);

    public long Malformed => Interlocked.Read(ref _malformed);

    public long BadB3 => Interlocked.Read(ref _badB3);

    public void Request(string protocol, int status)
    {
        _requests.Add(1, new KeyValuePair<string, object?>("protocol", protocol), new KeyValuePair<string, object?>("status", status));
        if (status is 429 or 503) Interlocked.Increment(ref _throttled);
        else if (status is 400 or 413 or 415) Interlocked.Increment(ref _malformed);
    }

    public void Spans(string protocol, int accepted, int rejected)
    {
        var tag = new KeyValuePair<string, object?>("protocol", protocol);
        if (accepted > 0)
        {
            Interlocked.Add(ref _accepted, accepted);
            _spans.Add(accepted, tag, new KeyValuePair<string, object?>("outcome", "accepted"));
        }
        if (rejected > 0)
        {
            Interlocked.Add(ref _rejected, rejected);
            _spans.Add(rejected, tag, new KeyValuePair<string, object?>("outcome", "rejected"));
        }
    }

    public void InvalidB3() => Interlocked.Increment(ref _badB3);

    public void Dispose() => _meter.Dispose();
}
