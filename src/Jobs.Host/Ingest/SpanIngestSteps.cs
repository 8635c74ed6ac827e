using System.Runtime.InteropServices;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Otlp;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Zipkin;

namespace StreamJobs.Host.Ingest;

/// <summary>
/// What every span ingest protocol (Zipkin, OTLP/HTTP, OTLP/gRPC) does once it holds a request's body: parse it within
/// the limits, apply the request's B3 headers, offer the spans to <see cref="SpanIngestJob"/>'s queue, wait for Kafka's
/// acknowledgement when ingest goes through Kafka, and count the spans. The protocol only turns the outcome into its answer.
/// </summary>
internal static class SpanIngestSteps
{
    public static async Task<SpanIngestOutcome> RunAsync(
        SpanIngestGate gate, string protocol, SpanFormat format, ReadOnlyMemory<byte> body, IHeaderDictionary headers, CancellationToken cancellationToken)
    {
        var limits = gate.Limits;
        var spans = new List<Span>();
        var report = new ParseReport<SpanParseError>(limits.ParseLimits());
        switch (format)
        {
            case SpanFormat.ZipkinJson: ZipkinJsonParser.Parse(body.Span, spans, report); break;
            case SpanFormat.OtlpJson: OtlpTraceParser.ParseJson(body.Span, spans, report); break;
            default: OtlpTraceParser.ParseProtobuf(body.Span, spans, report); break;
        }
        SpanIngestOutcome Outcome(SpanIngestVerdict verdict) => new(verdict, format, spans.Count, report, limits);

        if (report.Fault == BodyFault.TooManyRecords) return Outcome(SpanIngestVerdict.TooManySpans);
        if (report.Fault == BodyFault.TooManyAttributes) return Outcome(SpanIngestVerdict.TooManyAttributes);
        // A Zipkin array keeps the spans before an unreadable part; an OTLP message is read whole or not at all.
        var unreadable = format == SpanFormat.ZipkinJson
            ? spans.Count == 0 && (report.Rejected > 0 || report.Fault != BodyFault.None)
            : report.Fault != BodyFault.None;
        if (unreadable)
        {
            gate.Metrics.Spans(protocol, 0, Math.Max(1, report.Records));
            return Outcome(SpanIngestVerdict.Unreadable);
        }
        B3IngestRule.Apply(headers, spans, gate.Metrics);
        switch (gate.TryOffer(CollectionsMarshal.AsSpan(spans), out var delivered))
        {
            case OfferResult.Full: return Outcome(SpanIngestVerdict.Full);
            case OfferResult.NotRunning: return Outcome(SpanIngestVerdict.NotRunning);
        }
        gate.Metrics.Spans(protocol, spans.Count, report.Rejected);
        // Without Kafka there is nothing to wait for; with it, up to DeliveryTimeout for the broker to hold every span.
        return await DeliveryReceipt.WaitAsync(delivered, limits.DeliveryTimeout, cancellationToken)
            ? Outcome(SpanIngestVerdict.Accepted)
            : Outcome(SpanIngestVerdict.NotDelivered);
    }
}
