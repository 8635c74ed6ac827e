using System.Text.Json;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Telemetry.Zipkin;

/// <summary>
/// Reads Zipkin v2 JSON (a <c>[span, ...]</c> array, or NDJSON with one span per line). A span with a
/// bad field is rejected on its own with an error naming its index and field; the other spans survive.
/// A body that is not UTF-8, nests deeper than <see cref="IngestLimits.MaxJsonDepth"/>, or breaks JSON syntax is a
/// <see cref="BodyFault.Malformed"/> fault (spans before a syntax break survive); more spans than
/// <see cref="IngestLimits.MaxRecords"/> is <see cref="BodyFault.TooManyRecords"/>. Nothing here throws on bad input.
/// </summary>
public static class ZipkinJsonParser
{
    /// <summary>Parses a Zipkin v2 JSON array (no bound on errors or spans; the body fault, if any, is the last error).</summary>
    public static SpanParseResult Parse(ReadOnlySpan<byte> utf8Json)
    {
        var spans = new List<Span>();
        var errors = new List<SpanParseError>();
        Parse(utf8Json, spans, errors);
        return new SpanParseResult(spans, errors);
    }

    /// <summary>Parses a Zipkin v2 JSON array into caller-owned collections (unbounded); returns the number of spans added.</summary>
    public static int Parse(ReadOnlySpan<byte> utf8Json, ICollection<Span> spans, ICollection<SpanParseError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var report = new ParseReport<SpanParseError>(IngestLimits.Unbounded);
        int added = Parse(utf8Json, spans, report);
        report.CopyTo(errors);
        return added;
    }

    /// <summary>
    /// Parses a Zipkin v2 JSON array under <see cref="ParseReport{TError}.Limits"/>: rejected spans are counted in
    /// <paramref name="report"/> (one kept error each, up to the cap), and a body-level problem is its fault.
    /// Returns the number of spans added.
    /// </summary>
    public static int Parse(ReadOnlySpan<byte> utf8Json, ICollection<Span> spans, ParseReport<SpanParseError> report)
    {
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentNullException.ThrowIfNull(report);
        if (JsonText.CheckBody(utf8Json) is { } notText)
        {
            report.Fail(BodyFault.Malformed, new SpanParseError(-1, "$", notText));
            return 0;
        }

        var reader = new Utf8JsonReader(utf8Json, report.Limits.ReaderOptions());
        var context = new ZipkinReadContext();
        int index = 0;
        int added = 0;
        try
        {
            if (!reader.Read())
            {
                report.Fail(BodyFault.Malformed, new SpanParseError(-1, "$", "payload is empty; expected a JSON array of spans"));
                return 0;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                report.Fail(BodyFault.Malformed, new SpanParseError(-1, "$", $"expected a JSON array of spans, got {reader.TokenType}"));
                return 0;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (!report.TryCountRecord(TooMany))
                {
                    return added;
                }

                if (ReadOne(ref reader, utf8Json, index, spans, report, context))
                {
                    added++;
                }

                index++;
            }
        }
        catch (JsonException ex)
        {
            // Syntax errors (and nesting past MaxDepth) leave the reader unusable: keep what was parsed, say where it broke.
            report.Fail(BodyFault.Malformed, new SpanParseError(index, Location(index), JsonText.Malformed(ex)));
        }

        return added;
    }

    /// <summary>Parses NDJSON (one span object per line); a malformed line is reported with its 0-based line index.</summary>
    public static int ParseNdjson(ReadOnlySpan<byte> utf8Lines, ICollection<Span> spans, ICollection<SpanParseError> errors)
    {
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentNullException.ThrowIfNull(errors);
        var report = new ParseReport<SpanParseError>(IngestLimits.Unbounded);
        var context = new ZipkinReadContext();
        int index = 0;
        int added = 0;
        while (!utf8Lines.IsEmpty)
        {
            int nl = utf8Lines.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = nl < 0 ? utf8Lines : utf8Lines[..nl];
            utf8Lines = nl < 0 ? default : utf8Lines[(nl + 1)..];
            if (line.Trim(" \t\r"u8).IsEmpty)
            {
                index++;
                continue;
            }

            if (JsonText.CheckBody(line) is { } notText)
            {
                report.Reject(new SpanParseError(index, Location(index), notText));
                index++;
                continue;
            }

            var reader = new Utf8JsonReader(line, report.Limits.ReaderOptions());
            context.NewBuffer();
            try
            {
                reader.Read();
                if (ReadOne(ref reader, line, index, spans, report, context))
                {
                    added++;
                }
            }
            catch (JsonException ex)
            {
                report.Reject(new SpanParseError(index, Location(index), JsonText.Malformed(ex)));
            }

            index++;
        }

        report.CopyTo(errors);
        return added;
    }

    private static bool ReadOne(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, int index, ICollection<Span> spans, ParseReport<SpanParseError> report, ZipkinReadContext context)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            report.Reject(new SpanParseError(index, Location(index), $"expected a span object, got {reader.TokenType}"));
            reader.Skip();
            return false;
        }

        Span? span = ZipkinSpanReader.Read(ref reader, body, context, out string? error);
        if (span is null)
        {
            report.Reject(new SpanParseError(index, Location(index), error!));
            return false;
        }

        spans.Add(span);
        return true;
    }

    private static SpanParseError TooMany(int max) =>
        new(-1, "$", $"the body holds more than {max} spans; send smaller batches");

    private static string Location(int index) => $"span[{index}]";
}
