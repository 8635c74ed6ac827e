using StreamJobs.Mql;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.TailSampler;

/// <summary>
/// How MQL reads traces, for <c>mql</c> sampling policies and for taps on <c>traces</c>: <c>traceId</c>,
/// <c>rootService</c>, <c>rootName</c>, <c>services</c>, <c>durationMicros</c>, <c>hasError</c>, <c>hasWarning</c>,
/// <c>hasRetry</c>, <c>isDebug</c>, <c>spanCount</c>, <c>completion</c>, and <c>spans[*]</c> with <c>name</c>,
/// <c>service</c>, <c>kind</c>, <c>durationMicros</c>, <c>status</c> and <c>tags</c>.
/// </summary>
public static class TraceMqlSchema
{
    /// <summary>The schema of one span inside a trace.</summary>
    public static MqlSchema<Span> Spans { get; } = MqlSchema<Span>.Build(b => b
        .Property("name", s => s.Name)
        .Property("service", s => s.ServiceName)
        .Enum("kind", s => s.Kind)
        .Property("durationMicros", s => s.DurationNanos / 1000)
        .Enum("status", s => s.Status)
        .Map("tags", s => s.Attributes.Count == 0 ? null : new SpanTagMap(s.Attributes)));

    /// <summary>The schema of a whole trace.</summary>
    public static MqlSchema<Trace> Traces { get; } = MqlSchema<Trace>.Build(b => b
        .Property("traceId", t => t.TraceId.ToString())
        .Property("rootService", t => t.RootService)
        .Property("rootName", t => t.Root.Name)
        .List("services", t => t.Services)
        .Property("durationMicros", t => t.Duration.Ticks / 10)
        .Property("hasError", t => t.HasError)
        .Property("hasWarning", t => t.HasWarning)
        .Property("hasRetry", t => t.HasRetry)
        .Property("isDebug", t => t.IsDebug)
        .Property("spanCount", t => t.Spans.Count)
        .Enum("completion", t => t.Completion)
        .List("spans", t => t.Spans, Spans));
}
