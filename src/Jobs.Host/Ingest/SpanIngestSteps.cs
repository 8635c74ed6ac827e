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
    public static Task<SpanIngestOutcome> RunAsync(
        SpanIngestGate gate, string protocol, SpanFormat format, ReadOnlyMemory<byte> body, IHeaderDictionary headers, CancellationToken cancellationToken)
    {
        var spans = RequestSpans.Rent();
        SpanIngestOutcome outcome;
        Task? delivered;
        try
        {
            outcome = Offer(gate, protocol, format, body.Span, headers, spans, out delivered);
        }
        finally
        {
            RequestSpans.Return(spans);
        }
        // Without Kafka there is nothing to wait for, and the request goes on without another hop.
        return delivered is null ? Task.FromResult(outcome) : AwaitDeliveryAsync(outcome, delivered, cancellationToken);
    }

    /// <summary>Everything up to the offer, on the request's thread; <paramref name="delivered"/> is what is left to wait for.</summary>
    private static SpanIngestOutcome Offer(
        SpanIngestGate gate, string protocol, SpanFormat format, ReadOnlySpan<byte> body, IHeaderDictionary headers, List<Span> spans, out Task? delivered)
    {
        delivered = null;
        var limits = gate.Limits;
        var report = new ParseReport<SpanParseError>(limits.ParseLimits());
        switch (format)
        {
            case SpanFormat.ZipkinJson: ZipkinJsonParser.Parse(body, spans, report); break;
            case SpanFormat.OtlpJson: OtlpTraceParser.ParseJson(body, spans, report); break;
            default: OtlpTraceParser.ParseProtobuf(body, spans, report); break;
        }
        if (report.Fault == BodyFault.TooManyRecords) return new(SpanIngestVerdict.TooManySpans, format, spans.Count, report, limits);
        if (report.Fault == BodyFault.TooManyAttributes) return new(SpanIngestVerdict.TooManyAttributes, format, spans.Count, report, limits);
        // A Zipkin array keeps the spans before an unreadable part; an OTLP message is read whole or not at all.
        var unreadable = format == SpanFormat.ZipkinJson
            ? spans.Count == 0 && (report.Rejected > 0 || report.Fault != BodyFault.None)
            : report.Fault != BodyFault.None;
        if (unreadable)
        {
            gate.Metrics.Spans(protocol, 0, Math.Max(1, report.Records));
            return new(SpanIngestVerdict.Unreadable, format, spans.Count, report, limits);
        }
        B3IngestRule.Apply(headers, spans, gate.Metrics);
        switch (gate.TryOffer(CollectionsMarshal.AsSpan(spans), out delivered))
        {
            case OfferResult.Full: return new(SpanIngestVerdict.Full, format, spans.Count, report, limits);
            case OfferResult.NotRunning: return new(SpanIngestVerdict.NotRunning, format, spans.Count, report, limits);
        }
        gate.Metrics.Spans(protocol, spans.Count, report.Rejected);
        return new(SpanIngestVerdict.Accepted, format, spans.Count, report, limits);
    }

    /// <summary>With Kafka: up to DeliveryTimeout for the broker to hold every span.</summary>
    private static async Task<SpanIngestOutcome> AwaitDeliveryAsync(SpanIngestOutcome accepted, Task delivered, CancellationToken cancellationToken) =>
        await DeliveryReceipt.WaitAsync(delivered, accepted.Limits.DeliveryTimeout, cancellationToken)
            ? accepted
            : accepted with { Verdict = SpanIngestVerdict.NotDelivered };
}
