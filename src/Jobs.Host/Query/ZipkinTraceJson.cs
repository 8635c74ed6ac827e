using System.Buffers;
using System.Text.Json;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Storage;
using StreamJobs.Telemetry.Zipkin;

namespace StreamJobs.Host.Query;

/// <summary>
/// Zipkin v2 JSON answers. A stored trace's sampling policy is shown as the tag <c>streamjobs.policy</c> on its root
/// span: any Zipkin client shows it with the other tags, and <c>annotationQuery=streamjobs.policy=errors</c> finds it.
/// </summary>
internal static class ZipkinTraceJson
{
    public static IResult Trace(StoredTrace trace) => Json(writer => WriteTrace(writer, trace));

    public static IResult Traces(IReadOnlyList<StoredTrace> traces) => Json(writer =>
    {
        writer.WriteStartArray();
        foreach (StoredTrace trace in traces) WriteTrace(writer, trace);
        writer.WriteEndArray();
    });

    public static IResult Names(IReadOnlyList<string> names) => Json(writer =>
    {
        writer.WriteStartArray();
        foreach (string name in names) writer.WriteStringValue(name);
        writer.WriteEndArray();
    });

    public static IResult Links(IReadOnlyList<DependencyLink> links) => Json(writer =>
    {
        writer.WriteStartArray();
        foreach (DependencyLink link in links)
        {
            writer.WriteStartObject();
            writer.WriteString("parent"u8, link.Parent);
            writer.WriteString("child"u8, link.Child);
            writer.WriteNumber("callCount"u8, link.CallCount);
            if (link.ErrorCount > 0) writer.WriteNumber("errorCount"u8, link.ErrorCount);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    private static void WriteTrace(Utf8JsonWriter writer, StoredTrace trace)
    {
        Span root = trace.Root;
        writer.WriteStartArray();
        foreach (Span span in trace.Spans)
        {
            if (ReferenceEquals(span, root)) ZipkinJsonWriter.Write(writer, span, StoredTrace.PolicyTag, trace.Policy);
            else ZipkinJsonWriter.Write(writer, span);
        }

        writer.WriteEndArray();
    }

    private static IResult Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Results.Bytes(buffer.WrittenMemory.ToArray(), "application/json");
    }
}
