using System.Text.Json;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Telemetry.Otlp;

/// <summary>
/// Reads OTLP trace exports (<c>ExportTraceServiceRequest</c>) as protobuf binary or OTLP/JSON into
/// <see cref="Span"/>s. The resource's <c>service.name</c> becomes <see cref="Span.ServiceName"/>.
/// A span with an invalid id is rejected on its own; the rest of the request survives. A body that cannot be decoded
/// (any protobuf or JSON decoding failure, invalid UTF-8, nesting past the limit, a malformed resource) is a
/// <see cref="BodyFault.Malformed"/> fault; more spans than <see cref="IngestLimits.MaxRecords"/> is
/// <see cref="BodyFault.TooManyRecords"/> and more attributes, events, links and array values than
/// <see cref="IngestLimits.MaxAttributes"/> is <see cref="BodyFault.TooManyAttributes"/>, both found on the wire
/// before the protobuf message is built.
/// </summary>
public static class OtlpTraceParser
{
    /// <summary>Parses a protobuf-encoded <c>ExportTraceServiceRequest</c> (unbounded; a body fault is an error with index -1).</summary>
    public static SpanParseResult ParseProtobuf(ReadOnlySpan<byte> payload)
    {
        var spans = new List<Span>();
        var errors = new List<SpanParseError>();
        ParseProtobuf(payload, spans, errors);
        return new SpanParseResult(spans, errors);
    }

    /// <summary>Parses a protobuf-encoded <c>ExportTraceServiceRequest</c> into caller-owned collections (unbounded); returns spans added.</summary>
    public static int ParseProtobuf(ReadOnlySpan<byte> payload, ICollection<Span> spans, ICollection<SpanParseError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var report = new ParseReport<SpanParseError>(IngestLimits.Unbounded);
        int added = ParseProtobuf(payload, spans, report);
        report.CopyTo(errors);
        return added;
    }

    /// <summary>Parses a protobuf-encoded <c>ExportTraceServiceRequest</c> under the report's limits; returns spans added.</summary>
    public static int ParseProtobuf(ReadOnlySpan<byte> payload, ICollection<Span> spans, ParseReport<SpanParseError> report)
    {
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentNullException.ThrowIfNull(report);
        // Every span and child costs at least 2 bytes on the wire (a tag and a length), so a body of n bytes holds at most
        // n / 2 of each. When that is within both limits, the counting pass cannot find anything and the decoder (which
        // builds into scratch space and gives up, having added nothing, on broken framing) goes first: the pass was a
        // tenth of the host's CPU on OTLP. Anything the decoder gives up on is scanned as before.
        bool withinLimitsByLength = payload.Length / 2 <= Math.Min(report.Limits.MaxRecords, report.Limits.MaxAttributes);
        if (withinLimitsByLength && OtlpWireDecoder.TryDecode(payload, spans, report, out int fast))
        {
            return fast;
        }

        switch (OtlpWireScan.Scan(payload, report.Limits.MaxRecords, report.Limits.MaxAttributes, out _, out _))
        {
            case OtlpWireScan.Outcome.TooManySpans:
                report.Fail(BodyFault.TooManyRecords, TooMany(report.Limits.MaxRecords));
                return 0;
            case OtlpWireScan.Outcome.TooManyChildren:
                report.Fail(BodyFault.TooManyAttributes, new SpanParseError(-1, "$",
                    $"the request holds more than {report.Limits.MaxAttributes} attributes, events, links and array values in all; send smaller batches"));
                return 0;
            case OtlpWireScan.Outcome.Malformed:
                report.Fail(BodyFault.Malformed, new SpanParseError(-1, "$", "not a valid ExportTraceServiceRequest: the protobuf wire format is broken"));
                return 0;
        }

        // The direct decoder reads almost every request; the message path stays for what it does not read exactly the same.
        if (!withinLimitsByLength && OtlpWireDecoder.TryDecode(payload, spans, report, out int decoded))
        {
            return decoded;
        }

        ExportTraceServiceRequest request;
        try
        {
            request = ExportTraceServiceRequest.Parser.ParseFrom(payload);
        }
        catch (Exception ex) when (IsDecodingFailure(ex))
        {
            // Google.Protobuf reports most bad input as InvalidProtocolBufferException, but some malformed lengths
            // surface as IndexOutOfRange/ArgumentOutOfRange/Overflow from inside it: all mean "this body is not a message".
            report.Fail(BodyFault.Malformed, new SpanParseError(-1, "$", $"not a valid ExportTraceServiceRequest: {ex.Message}"));
            return 0;
        }

        return OtlpProtoMapper.Map(request, spans, report);
    }

    /// <summary>Parses an OTLP/JSON <c>ExportTraceServiceRequest</c> (hex ids, enums as names or numbers; unbounded).</summary>
    public static SpanParseResult ParseJson(ReadOnlySpan<byte> utf8Json)
    {
        var spans = new List<Span>();
        var errors = new List<SpanParseError>();
        ParseJson(utf8Json, spans, errors);
        return new SpanParseResult(spans, errors);
    }

    /// <summary>Parses OTLP/JSON into caller-owned collections (unbounded); returns spans added.</summary>
    public static int ParseJson(ReadOnlySpan<byte> utf8Json, ICollection<Span> spans, ICollection<SpanParseError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var report = new ParseReport<SpanParseError>(IngestLimits.Unbounded);
        int added = ParseJson(utf8Json, spans, report);
        report.CopyTo(errors);
        return added;
    }

    /// <summary>Parses OTLP/JSON under the report's limits; returns spans added.</summary>
    public static int ParseJson(ReadOnlySpan<byte> utf8Json, ICollection<Span> spans, ParseReport<SpanParseError> report)
    {
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentNullException.ThrowIfNull(report);
        if (JsonText.CheckBody(utf8Json) is { } notText)
        {
            report.Fail(BodyFault.Malformed, new SpanParseError(-1, "$", notText));
            return 0;
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, report.Limits.ReaderOptions(allowComments: false));
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            report.Fail(BodyFault.Malformed, new SpanParseError(-1, "$", JsonText.Malformed(ex)));
            return 0;
        }

        using (document)
        {
            return OtlpJsonMapper.Map(document.RootElement, spans, report);
        }
    }

    internal static SpanParseError TooMany(int max) => new(-1, "$", $"the request holds more than {max} spans; send smaller batches");

    /// <summary>The exceptions a protobuf parse of an in-memory buffer throws on malformed input (not out-of-memory).</summary>
    internal static bool IsDecodingFailure(Exception ex) =>
        ex is InvalidProtocolBufferException or IndexOutOfRangeException or ArgumentException or OverflowException
            or InvalidOperationException or FormatException or System.Text.DecoderFallbackException;
}
