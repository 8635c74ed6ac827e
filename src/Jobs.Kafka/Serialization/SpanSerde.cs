using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using StreamJobs.Acknowledgement;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Zipkin;

namespace StreamJobs.Kafka.Serialization;

/// <summary>
/// Spans as Kafka records: one Zipkin v2 JSON span object per record value. The span carries its own event time
/// (<c>timestamp</c>, <c>duration</c>), since Kafka 0.9 records have no timestamp or headers; the record key is
/// the trace id in lowercase hex (<see cref="KeyOf"/>), so all spans of a trace share a partition.
/// </summary>
public sealed class SpanSerde : IKafkaDeserializer<Span>, IKafkaSerializer<Span>
{
    [ThreadStatic] private static List<Span>? t_spans;
    [ThreadStatic] private static List<SpanParseError>? t_errors;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    private SpanSerde()
    {
    }

    /// <summary>The shared instance (stateless; per-thread scratch lists).</summary>
    public static SpanSerde Instance { get; } = new();

    /// <summary>The record key of a span: its trace id as hex.</summary>
    public static string KeyOf(Span span)
    {
        ArgumentNullException.ThrowIfNull(span);
        return span.TraceId.ToString();
    }

    /// <summary>The receipt a span carries.</summary>
    public static Receipt ReceiptOf(Span span)
    {
        ArgumentNullException.ThrowIfNull(span);
        return span.Receipt;
    }

    /// <inheritdoc />
    public bool TryDeserialize(ReadOnlySpan<byte> value, [MaybeNullWhen(false)] out Span record, [NotNullWhen(false)] out string? error)
    {
        var spans = t_spans ??= new List<Span>(1);
        var errors = t_errors ??= new List<SpanParseError>(1);
        spans.Clear();
        errors.Clear();
        if (value.IsEmpty)
        {
            record = null;
            error = "empty record value; expected one Zipkin v2 JSON span";
            return false;
        }
        ZipkinJsonParser.ParseNdjson(value, spans, errors);
        if (spans.Count == 1 && errors.Count == 0)
        {
            record = spans[0];
            error = null;
            spans.Clear();
            return true;
        }
        record = null;
        error = errors.Count > 0 ? errors[0].Message : $"expected one Zipkin v2 JSON span per record, found {spans.Count}";
        spans.Clear();
        errors.Clear();
        return false;
    }

    /// <inheritdoc />
    public Span WithReceipt(Span record, Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(record);
        record.Receipt = receipt;
        return record;
    }

    /// <inheritdoc />
    public void Serialize(Span record, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(output);
        var writer = t_writer;
        if (writer is null) t_writer = writer = new Utf8JsonWriter(output);
        else writer.Reset(output);
        ZipkinJsonWriter.Write(writer, record);
        writer.Flush();
        writer.Reset(Stream.Null);
    }
}
