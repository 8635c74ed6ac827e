using System.Text.Json;
using StreamJobs.Telemetry.Zipkin;

namespace StreamJobs.TailSampler;

/// <summary>
/// Writes a <see cref="SampledTrace"/> as one JSON object: <c>traceId</c>, <c>policy</c>, <c>late</c>, a summary
/// (root service and name, duration, flags, completion) and <c>spans</c> as Zipkin v2 JSON.
/// </summary>
public static class SampledTraceJsonWriter
{
    /// <summary>Writes <paramref name="sampled"/> to <paramref name="writer"/>.</summary>
    public static void Write(Utf8JsonWriter writer, SampledTrace sampled)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(sampled);
        var trace = sampled.Trace;
        writer.WriteStartObject();
        writer.WriteString("traceId", trace.TraceId.ToString());
        writer.WriteString("policy", sampled.Policy);
        writer.WriteBoolean("late", sampled.Late);
        writer.WriteString("rootService", trace.RootService);
        writer.WriteString("rootName", trace.Root.Name);
        writer.WriteNumber("startMicros", (trace.Start - DateTimeOffset.UnixEpoch).Ticks / 10);
        writer.WriteNumber("durationMicros", trace.Duration.Ticks / 10);
        writer.WriteBoolean("hasError", trace.HasError);
        writer.WriteBoolean("hasWarning", trace.HasWarning);
        writer.WriteBoolean("hasRetry", trace.HasRetry);
        writer.WriteBoolean("isDebug", trace.IsDebug);
        writer.WriteString("completion", CompletionName(trace.Completion));
        if (trace.DroppedSpanCount > 0) writer.WriteNumber("droppedSpans", trace.DroppedSpanCount);
        writer.WritePropertyName("spans");
        writer.WriteStartArray();
        for (var i = 0; i < trace.Spans.Count; i++) ZipkinJsonWriter.Write(writer, trace.Spans[i]);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static string CompletionName(Telemetry.Spans.TraceCompletion completion) => completion switch
    {
        Telemetry.Spans.TraceCompletion.Quiet => "quiet",
        Telemetry.Spans.TraceCompletion.MaxAge => "max-age",
        Telemetry.Spans.TraceCompletion.Evicted => "early",
        _ => "drained",
    };
}
