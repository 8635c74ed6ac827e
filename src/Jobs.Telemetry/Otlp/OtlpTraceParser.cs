using System.Text.Json;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Telemetry.Otlp;

/// <summary>
/// Reads OTLP trace exports (<c>ExportTraceServiceRequest</c>) as protobuf binary or OTLP/JSON into
/// <see cref="Span"/>s. The resource's <c>service.name</c> becomes <see cref="Span.ServiceName"/>.
/// A span with an invalid id is rejected on its own; the rest of the request survives.
/// </summary>
public static class OtlpTraceParser
{
    /// <summary>Parses a protobuf-encoded <c>ExportTraceServiceRequest</c>.</summary>
    public static SpanParseResult ParseProtobuf(ReadOnlySpan<byte> payload)
    {
        var spans = new List<Span>();
        var errors = new List<SpanParseError>();
        ParseProtobuf(payload, spans, errors);
        return new SpanParseResult(spans, errors);
    }

    /// <summary>Parses a protobuf-encoded <c>ExportTraceServiceRequest</c> into caller-owned collections; returns spans added.</summary>
    public static int ParseProtobuf(ReadOnlySpan<byte> payload, ICollection<Span> spans, ICollection<SpanParseError> errors)
    {
        ExportTraceServiceRequest request;
        try
        {
            request = ExportTraceServiceRequest.Parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            errors.Add(new SpanParseError(-1, "$", $"not a valid ExportTraceServiceRequest: {ex.Message}"));
            return 0;
        }

        return OtlpProtoMapper.Map(request, spans, errors);
    }

    /// <summary>Parses an OTLP/JSON <c>ExportTraceServiceRequest</c> (hex ids, enums as names or numbers).</summary>
    public static SpanParseResult ParseJson(ReadOnlySpan<byte> utf8Json)
    {
        var spans = new List<Span>();
        var errors = new List<SpanParseError>();
        ParseJson(utf8Json, spans, errors);
        return new SpanParseResult(spans, errors);
    }

    /// <summary>Parses OTLP/JSON into caller-owned collections; returns spans added.</summary>
    public static int ParseJson(ReadOnlySpan<byte> utf8Json, ICollection<Span> spans, ICollection<SpanParseError> errors)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { AllowTrailingCommas = true });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            errors.Add(new SpanParseError(-1, "$", $"malformed JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}"));
            return 0;
        }

        using (document)
        {
            return OtlpJsonMapper.Map(document.RootElement, spans, errors);
        }
    }
}
