using System.Text.Json;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Telemetry.Zipkin;

/// <summary>
/// Reads Zipkin v2 JSON (a <c>[span, ...]</c> array, or NDJSON with one span per line). A span with a
/// bad field is rejected on its own with an error naming its index and field; the other spans survive.
/// </summary>
public static class ZipkinJsonParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Parses a Zipkin v2 JSON array.</summary>
    public static SpanParseResult Parse(ReadOnlySpan<byte> utf8Json)
    {
        var spans = new List<Span>();
        var errors = new List<SpanParseError>();
        Parse(utf8Json, spans, errors);
        return new SpanParseResult(spans, errors);
    }

    /// <summary>Parses a Zipkin v2 JSON array into caller-owned collections; returns the number of spans added.</summary>
    public static int Parse(ReadOnlySpan<byte> utf8Json, ICollection<Span> spans, ICollection<SpanParseError> errors)
    {
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        int index = 0;
        int added = 0;
        try
        {
            if (!reader.Read())
            {
                errors.Add(new SpanParseError(-1, "$", "payload is empty; expected a JSON array of spans"));
                return 0;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                errors.Add(new SpanParseError(-1, "$", $"expected a JSON array of spans, got {reader.TokenType}"));
                return 0;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (ReadOne(ref reader, index, spans, errors))
                {
                    added++;
                }

                index++;
            }
        }
        catch (JsonException ex)
        {
            // Syntax errors leave the reader unusable: keep what was parsed and report where it broke.
            errors.Add(new SpanParseError(index, Location(index), $"malformed JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}"));
        }

        return added;
    }

    /// <summary>Parses NDJSON (one span object per line); a malformed line is reported with its 0-based line index.</summary>
    public static int ParseNdjson(ReadOnlySpan<byte> utf8Lines, ICollection<Span> spans, ICollection<SpanParseError> errors)
    {
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

            var reader = new Utf8JsonReader(line, ReaderOptions);
            try
            {
                reader.Read();
                if (ReadOne(ref reader, index, spans, errors))
                {
                    added++;
                }
            }
            catch (JsonException ex)
            {
                errors.Add(new SpanParseError(index, Location(index), $"malformed JSON at byte {ex.BytePositionInLine}"));
            }

            index++;
        }

        return added;
    }

    private static bool ReadOne(ref Utf8JsonReader reader, int index, ICollection<Span> spans, ICollection<SpanParseError> errors)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            errors.Add(new SpanParseError(index, Location(index), $"expected a span object, got {reader.TokenType}"));
            reader.Skip();
            return false;
        }

        Span? span = ZipkinSpanReader.Read(ref reader, out string? error);
        if (span is null)
        {
            errors.Add(new SpanParseError(index, Location(index), error!));
            return false;
        }

        spans.Add(span);
        return true;
    }

    private static string Location(int index) => $"span[{index}]";
}
