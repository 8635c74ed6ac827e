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
    public static MqlSchema<Trace> Traces { get; } = MqlSchema<Trace>.Build(b => AddTrace(b, t => t));

    /// <summary>The schema of a kept trace on <c>sampled-traces</c>: every trace property, plus <c>policy</c> and <c>late</c>.</summary>
    public static MqlSchema<SampledTrace> SampledTraces { get; } = MqlSchema<SampledTrace>.Build(b => AddTrace(b, s => s.Trace)
        .Property("policy", s => s.Policy)
        .Property("late", s => s.Late));

    // One list of trace properties for both record types, so a tap on traces and on sampled-traces reads the same names.
    private static MqlSchemaBuilder<T> AddTrace<T>(MqlSchemaBuilder<T> b, Func<T, Trace> trace) => b
        .Property("traceId", r => trace(r).TraceId.ToString())
        .Property("rootService", r => trace(r).RootService)
        .Property("rootName", r => trace(r).Root.Name)
        .List("services", r => trace(r).Services)
        .Property("durationMicros", r => trace(r).Duration.Ticks / 10)
        .Property("hasError", r => trace(r).HasError)
        .Property("hasWarning", r => trace(r).HasWarning)
        .Property("hasRetry", r => trace(r).HasRetry)
        .Property("isDebug", r => trace(r).IsDebug)
        .Property("spanCount", r => trace(r).Spans.Count)
        .Enum("completion", r => trace(r).Completion)
        .List("spans", r => trace(r).Spans, Spans);
}
