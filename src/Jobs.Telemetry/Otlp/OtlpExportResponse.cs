using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace StreamJobs.Telemetry.Otlp;

/// <summary>
/// The bodies an OTLP/HTTP trace receiver answers with: <c>ExportTraceServiceResponse</c> (with
/// <c>partial_success</c> when spans were rejected) and, for 4xx/5xx, a <c>google.rpc.Status</c>.
/// </summary>
public static class OtlpExportResponse
{
    /// <summary>A protobuf <c>ExportTraceServiceResponse</c>; empty (all accepted) when <paramref name="rejectedSpans"/> is 0.</summary>
    public static byte[] Protobuf(long rejectedSpans, string? errorMessage)
    {
        var response = new ExportTraceServiceResponse();
        if (rejectedSpans > 0)
        {
            response.PartialSuccess = new ExportTracePartialSuccess { RejectedSpans = rejectedSpans, ErrorMessage = errorMessage ?? string.Empty };
        }

        return response.ToByteArray();
    }

    /// <summary>The OTLP/JSON form of <see cref="Protobuf"/> (int64 as a string, as proto3 JSON mapping requires).</summary>
    public static string Json(long rejectedSpans, string? errorMessage)
    {
        if (rejectedSpans <= 0)
        {
            return "{}";
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("partialSuccess");
            writer.WriteString("rejectedSpans", rejectedSpans.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("errorMessage", errorMessage ?? string.Empty);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A protobuf <c>google.rpc.Status</c> (field 1 code, field 2 message), the body of an OTLP error answer.</summary>
    /// <param name="code">A gRPC status code, e.g. 3 (INVALID_ARGUMENT) or 14 (UNAVAILABLE).</param>
    /// <param name="message">What went wrong.</param>
    public static byte[] StatusProtobuf(int code, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var stream = new MemoryStream();
        using (var output = new CodedOutputStream(stream, leaveOpen: true))
        {
            if (code != 0)
            {
                output.WriteTag(1, WireFormat.WireType.Varint);
                output.WriteInt32(code);
            }

            output.WriteTag(2, WireFormat.WireType.LengthDelimited);
            output.WriteString(message);
        }

        return stream.ToArray();
    }
}
