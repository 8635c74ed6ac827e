using System.Buffers;
using System.Text.Json;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Zipkin;

namespace StreamJobs.Telemetry.Storage;

/// <summary>How stores keep a span: its Zipkin v2 JSON, read back into spans ordered by start time.</summary>
public static class SpanJson
{
    /// <summary>Appends one span's JSON to <paramref name="output"/> and returns how many bytes it took.</summary>
    public static int Write(Utf8JsonWriter writer, IBufferWriter<byte> output, Span span)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Reset(output);
        ZipkinJsonWriter.Write(writer, span);
        writer.Flush();
        return (int)writer.BytesCommitted;
    }

    /// <summary>Parses stored span objects; spans that no longer parse go to <paramref name="errors"/>.</summary>
    public static List<Span> Read(IEnumerable<ReadOnlyMemory<byte>> stored, ICollection<SpanParseError> errors)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var json = new ArrayBufferWriter<byte>(4096);
        json.Write("["u8);
        int count = 0;
        foreach (ReadOnlyMemory<byte> span in stored)
        {
            if (count++ > 0) json.Write(","u8);
            json.Write(span.Span);
        }

        json.Write("]"u8);
        var spans = new List<Span>(count);
        if (count > 0) ZipkinJsonParser.Parse(json.WrittenSpan, spans, errors);
        spans.Sort(static (a, b) => a.StartTimeUnixNanos.CompareTo(b.StartTimeUnixNanos));
        return spans;
    }
}
