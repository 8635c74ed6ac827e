using StreamJobs.Telemetry.Spans;

namespace StreamJobs.SpanBuffer.Tests.Support;

internal static class Spans
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TraceId Trace(ulong n) => new(0xABCDUL, n);

    public static Span Make(ulong trace, ulong id, ulong? parent = null) => new()
    {
        TraceId = Trace(trace),
        Id = new SpanId(id),
        ParentId = parent is null ? null : new SpanId(parent.Value),
        Name = "op",
        ServiceName = "svc",
        StartTimeUnixNanos = 1_000_000 * (long)id,
        DurationNanos = 1000,
    };
}
