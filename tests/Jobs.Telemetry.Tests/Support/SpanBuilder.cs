using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Telemetry.Tests.Support;

internal static class SpanBuilder
{
    public static readonly TraceId Trace1 = TraceId.Parse("463ac35c9f6413ad48485a3953bb6124");

    public static Span Make(
        ulong id,
        ulong? parent = null,
        string service = "api",
        string name = "get /",
        long startMicros = 1_700_000_000_000_000,
        long durationMicros = 1000,
        TraceId? traceId = null,
        SpanAttribute[]? tags = null,
        SpanEvent[]? events = null,
        SpanStatusCode status = SpanStatusCode.Unset,
        bool debug = false,
        bool? sampled = null) => new()
    {
        TraceId = traceId ?? Trace1,
        Id = new SpanId(id),
        ParentId = parent is null ? null : new SpanId(parent.Value),
        Name = name,
        ServiceName = service,
        StartTimeUnixNanos = startMicros * 1000,
        DurationNanos = durationMicros * 1000,
        Attributes = tags ?? [],
        Events = events ?? [],
        Status = status,
        Debug = debug,
        Sampled = sampled,
    };
}
