using System.Buffers;
using System.Text.Json;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Telemetry.Zipkin;

/// <summary>Writes spans as Zipkin v2 JSON: a single object, an array, or NDJSON (one object per line).</summary>
public static class ZipkinJsonWriter
{
    private const long NanosPerMicro = 1000;

    /// <summary>Writes one span as a Zipkin v2 JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, Span span) => Write(writer, span, null, null);

    /// <summary>Writes one span with one more tag (e.g. the stored sampling policy), unless the span has that tag already.</summary>
    internal static void Write(Utf8JsonWriter writer, Span span, string? extraTag, string? extraValue)
    {
        writer.WriteStartObject();
        WriteId(writer, "traceId"u8, span.TraceId);
        if (span.ParentId is { } parent)
        {
            WriteId(writer, "parentId"u8, parent);
        }

        WriteId(writer, "id"u8, span.Id);
        string? kind = span.Kind switch
        {
            SpanKind.Client => "CLIENT",
            SpanKind.Server => "SERVER",
            SpanKind.Producer => "PRODUCER",
            SpanKind.Consumer => "CONSUMER",
            _ => null,
        };
        if (kind is not null)
        {
            writer.WriteString("kind"u8, kind);
        }

        if (span.Name.Length > 0)
        {
            writer.WriteString("name"u8, span.Name);
        }

        if (span.StartTimeUnixNanos > 0)
        {
            writer.WriteNumber("timestamp"u8, span.StartTimeUnixNanos / NanosPerMicro);
        }

        if (span.DurationNanos > 0)
        {
            // Zipkin rounds sub-microsecond durations up so a measured span never reads as 0.
            writer.WriteNumber("duration"u8, Math.Max(1, span.DurationNanos / NanosPerMicro));
        }

        Endpoint? local = span.LocalEndpoint ?? (span.ServiceName is null ? null : new Endpoint(span.ServiceName));
        WriteEndpoint(writer, "localEndpoint"u8, local);
        WriteEndpoint(writer, "remoteEndpoint"u8, span.RemoteEndpoint);
        if (span.Events.Count > 0)
        {
            writer.WriteStartArray("annotations"u8);
            foreach (SpanEvent e in span.Events)
            {
                writer.WriteStartObject();
                writer.WriteNumber("timestamp"u8, e.TimeUnixNanos / NanosPerMicro);
                writer.WriteString("value"u8, e.Name);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        bool statusError = span.Status == SpanStatusCode.Error && !span.TryGetAttribute("error", out _);
        bool extra = extraTag is not null && extraValue is not null && !span.TryGetAttribute(extraTag, out _);
        if (span.Attributes.Count > 0 || statusError || extra)
        {
            writer.WriteStartObject("tags"u8);
            foreach (SpanAttribute a in span.Attributes)
            {
                writer.WriteString(a.Key, a.Value.ToString());
            }

            if (statusError)
            {
                // OTLP's ERROR status has no Zipkin field; the error tag is how Zipkin UIs show it.
                writer.WriteString("error"u8, string.IsNullOrEmpty(span.StatusMessage) ? "true" : span.StatusMessage);
            }

            if (extra)
            {
                writer.WriteString(extraTag!, extraValue);
            }

            writer.WriteEndObject();
        }

        if (span.Debug)
        {
            writer.WriteBoolean("debug"u8, true);
        }

        if (span.Shared)
        {
            writer.WriteBoolean("shared"u8, true);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes spans as one Zipkin v2 JSON array.</summary>
    public static void WriteArray(Utf8JsonWriter writer, ReadOnlySpan<Span> spans)
    {
        writer.WriteStartArray();
        foreach (Span span in spans)
        {
            Write(writer, span);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes spans as NDJSON: one compact Zipkin v2 object per line, each ending in <c>\n</c>.</summary>
    public static void WriteNdjson(IBufferWriter<byte> output, ReadOnlySpan<Span> spans)
    {
        using var writer = new Utf8JsonWriter(output);
        foreach (Span span in spans)
        {
            writer.Reset(output);
            Write(writer, span);
            writer.Flush();
            output.GetSpan(1)[0] = (byte)'\n';
            output.Advance(1);
        }
    }

    /// <summary>An id as hex, formatted on the stack: three id strings were most of what writing a span allocated.</summary>
    private static void WriteId<TId>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, TId id)
        where TId : IUtf8SpanFormattable
    {
        Span<byte> hex = stackalloc byte[32];
        id.TryFormat(hex, out int length, default, null);
        writer.WriteString(name, hex[..length]);
    }

    private static void WriteEndpoint(Utf8JsonWriter writer, ReadOnlySpan<byte> name, Endpoint? endpoint)
    {
        if (endpoint is null)
        {
            return;
        }

        writer.WriteStartObject(name);
        if (endpoint.ServiceName is not null)
        {
            writer.WriteString("serviceName"u8, endpoint.ServiceName);
        }

        if (endpoint.Ipv4 is not null)
        {
            writer.WriteString("ipv4"u8, endpoint.Ipv4);
        }

        if (endpoint.Ipv6 is not null)
        {
            writer.WriteString("ipv6"u8, endpoint.Ipv6);
        }

        if (endpoint.Port > 0)
        {
            writer.WriteNumber("port"u8, endpoint.Port);
        }

        writer.WriteEndObject();
    }
}
