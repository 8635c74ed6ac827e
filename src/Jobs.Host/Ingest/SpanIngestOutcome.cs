using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Host.Ingest;

/// <summary>
/// A span ingest request's verdict with what every protocol answers for it: the HTTP status (OTLP/HTTP's; Zipkin
/// answers 202 for accepted), the gRPC status code (in OTLP/HTTP's <c>Status</c> body and on OTLP/gRPC) and the message.
/// </summary>
internal sealed record SpanIngestOutcome(SpanIngestVerdict Verdict, SpanFormat Format, int Accepted, ParseReport<SpanParseError> Report, SpanIngestParameters Limits)
{
    private const string Settings = "StreamJobs:Jobs:span-ingest";

    /// <summary>Spans of the request that were rejected (the good ones of the same request are kept).</summary>
    public int Rejected => Report.Rejected;

    /// <summary>The request may succeed later unchanged: answers carry Retry-After (HTTP) or RetryInfo (gRPC).</summary>
    public bool RetryLater => Verdict is SpanIngestVerdict.Full or SpanIngestVerdict.NotRunning or SpanIngestVerdict.NotDelivered;

    public int HttpStatus => Verdict switch
    {
        SpanIngestVerdict.Accepted => 200,
        SpanIngestVerdict.TooManySpans or SpanIngestVerdict.TooManyAttributes => 413,
        SpanIngestVerdict.Unreadable => 400,
        // Overload, not an outage: the OTLP spec's throttling answer, 429 (RESOURCE_EXHAUSTED) with Retry-After.
        SpanIngestVerdict.Full => 429,
        _ => 503,
    };

    /// <summary>The gRPC status code (OK 0, INVALID_ARGUMENT 3, RESOURCE_EXHAUSTED 8, UNAVAILABLE 14), as the OTLP spec pairs them with HTTP.</summary>
    public int GrpcCode => Verdict switch
    {
        SpanIngestVerdict.Accepted => 0,
        SpanIngestVerdict.Full => 8,
        SpanIngestVerdict.NotRunning or SpanIngestVerdict.NotDelivered => 14,
        _ => 3,
    };

    /// <summary>What went wrong, or for an accepted request what was rejected (null when nothing was).</summary>
    public string? Message => Verdict switch
    {
        SpanIngestVerdict.Accepted => Problems ? Describe(Report) : null,
        SpanIngestVerdict.TooManySpans =>
            $"the request holds more than {Limits.MaxRecordsPerRequest} spans ({Settings}:MaxRecordsPerRequest); nothing was taken, send smaller batches.",
        SpanIngestVerdict.TooManyAttributes =>
            $"{Report.FaultError!.Message} ({Settings}:MaxAttributesPerRequest is {Limits.AttributesPerRequest}); nothing was taken.",
        SpanIngestVerdict.Unreadable => (Format == SpanFormat.ZipkinJson ? "no span could be read: " : "the request could not be read: ") + Describe(Report),
        SpanIngestVerdict.Full => "the ingest queue is full; retry later.",
        SpanIngestVerdict.NotRunning => "span ingest is not running.",
        _ => $"the spans were taken but Kafka did not acknowledge them within {Limits.DeliveryTimeout.TotalSeconds:0.#} s; retry later (a retry may duplicate spans, which storage absorbs).",
    };

    /// <summary>Some spans were rejected or the end of the body was unreadable.</summary>
    public bool Problems => Report.Rejected > 0 || Report.Fault != BodyFault.None;

    /// <summary>
    /// The body's fault and the first few rejected spans, enough to fix a client without echoing a whole bad batch:
    /// bounded whatever the body holds.
    /// </summary>
    private static string Describe(ParseReport<SpanParseError> report)
    {
        const int shown = 5;
        var parts = new List<string>(shown + 2);
        if (report.FaultError is { } fault) parts.Add(fault.ToString());
        parts.AddRange(report.Errors.Take(shown).Select(e => e.ToString()));
        var more = report.Rejected - Math.Min(shown, report.Errors.Count);
        if (more > 0) parts.Add($"and {more} more rejected span(s)");
        if (report.Fault == BodyFault.Malformed && report.Records > 0) parts.Add("the rest of the body was not read");
        return string.Join("; ", parts);
    }
}
